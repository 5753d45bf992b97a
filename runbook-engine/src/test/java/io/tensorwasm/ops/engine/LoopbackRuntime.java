package io.tensorwasm.ops.engine;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A small HTTP server on 127.0.0.1 that plays the runtime's part for engine tests, so the engine
 * never depends on the real runtime: {@code /healthz} answers a settable JSON body, {@code
 * /metrics} answers the Prometheus text format with a counter that grows by one per request to
 * {@code /work}; {@code /items} creates ids on POST and records DELETEs; {@code /whoami} answers
 * the bearer token it was sent. Run {@link #main} to have it as a separate process.
 */
public final class LoopbackRuntime implements AutoCloseable {

    private final HttpServer server;
    private final AtomicReference<String> health = new AtomicReference<>("{\"status\":\"ready\"}");
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong healthChecks = new AtomicLong();
    private final AtomicLong items = new AtomicLong();
    private final List<String> deleted = new CopyOnWriteArrayList<>();

    private LoopbackRuntime(int port) throws IOException {
        server =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext(
                "/healthz",
                e -> {
                    healthChecks.incrementAndGet();
                    send(e, 200, "application/json", health.get());
                });
        server.createContext("/metrics", e -> send(e, 200, "text/plain; version=0.0.4", metrics()));
        server.createContext(
                "/work",
                e -> {
                    requests.incrementAndGet();
                    send(e, 200, "application/json", "{\"ok\":true,\"token\":\"s3cr3t\"}");
                });
        server.createContext("/fail", e -> send(e, 500, "text/plain", "boom"));
        server.createContext(
                "/items",
                e -> {
                    if (e.getRequestMethod().equals("POST")) {
                        String id = "it-" + items.incrementAndGet();
                        send(e, 201, "application/json", "{\"id\":\"" + id + "\"}");
                    } else {
                        deleted.add(e.getRequestURI().getPath());
                        e.sendResponseHeaders(204, -1);
                        e.close();
                    }
                });
        // Answers the bearer token it was sent, bare, as a careless server might.
        server.createContext(
                "/whoami",
                e -> {
                    String auth = e.getRequestHeaders().getFirst("Authorization");
                    String token = auth == null ? "" : auth.replaceFirst("^Bearer ", "");
                    send(e, 200, "application/json", "{\"token\":\"" + token + "\"}");
                });
        server.start();
    }

    /** Starts on a free port. */
    public static LoopbackRuntime start() {
        try {
            return new LoopbackRuntime(0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The base URI. */
    public URI uri() {
        return URI.create(url());
    }

    /** Sets the health JSON. */
    public void health(String json) {
        health.set(json);
    }

    /** How many requests /work has served. */
    public long metricsFor(String route) {
        return route.equals("/work") ? requests.get() : healthChecks.get();
    }

    /** The paths that DELETE requests named, in order. */
    public List<String> deleted() {
        return List.copyOf(deleted);
    }

    /** How many times /healthz was asked. */
    public long healthChecks() {
        return healthChecks.get();
    }

    private String metrics() {
        return "# HELP tensor_wasm_http_requests_total Requests served.\n"
                + "# TYPE tensor_wasm_http_requests_total counter\n"
                + "tensor_wasm_http_requests_total{route=\"/work\",status=\"200\"} "
                + requests.get()
                + "\n"
                + "tensor_wasm_http_requests_total{route=\"/healthz\",status=\"200\"} "
                + healthChecks.get()
                + "\n"
                + "# TYPE tensor_wasm_jobs_in_flight gauge\n"
                + "tensor_wasm_jobs_in_flight 3\n";
    }

    private static void send(HttpExchange e, int status, String type, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        e.getResponseHeaders().add("Content-Type", type);
        e.sendResponseHeaders(status, bytes.length);
        try (var out = e.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /**
     * Serves on the port given as the only argument until killed; prints a line once it listens.
     */
    public static void main(String[] args) throws IOException {
        LoopbackRuntime runtime = new LoopbackRuntime(Integer.parseInt(args[0]));
        System.out.println(
                "listening on " + runtime.url() + " pid " + ProcessHandle.current().pid());
    }
}

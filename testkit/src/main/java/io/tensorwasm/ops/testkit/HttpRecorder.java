package io.tensorwasm.ops.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP endpoint on 127.0.0.1 that records every request and answers each the same way: the
 * stand-in for what cannot run here (a paging vendor's cloud, a person's pager) or for a server a
 * test only needs to answer. Tests assert on the exact bodies it received.
 *
 * <pre>{@code
 * try (HttpRecorder pager = HttpRecorder.answering(202, "{\"status\":\"success\"}")) {
 *     channel.send(pager.url("/v2/enqueue"), message);
 *     assertThat(pager.await(1, Duration.ofSeconds(5)).body()).contains("\"event_action\"");
 * }
 * }</pre>
 */
public final class HttpRecorder implements AutoCloseable {

    /**
     * One request as it arrived.
     *
     * @param method the HTTP method
     * @param path the path, without the query
     * @param authorization the Authorization header, empty when there was none
     * @param body the body as UTF-8
     */
    public record Request(String method, String path, String authorization, String body) {}

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile int status;
    private volatile String answer;

    private HttpRecorder(int status, String answer) {
        this.status = status;
        this.answer = answer;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1", e);
        }
        server.createContext("/", this::record);
        server.start();
    }

    /** Answers every request with this status and body ({@code application/json} when it is). */
    public static HttpRecorder answering(int status, String body) {
        return new HttpRecorder(status, body);
    }

    private void record(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        requests.add(
                new Request(
                        exchange.getRequestMethod(),
                        exchange.getRequestURI().getPath(),
                        authorization == null ? "" : authorization,
                        new String(
                                exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        String body = answer;
        byte[] reply = body.getBytes(StandardCharsets.UTF_8);
        boolean json = body.startsWith("{") || body.startsWith("[");
        exchange.getResponseHeaders()
                .add("Content-Type", json ? "application/json" : "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, reply.length == 0 ? -1 : reply.length);
        if (reply.length > 0) {
            exchange.getResponseBody().write(reply);
        }
        exchange.close();
    }

    /** The URL of a path on this endpoint. */
    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** Every request so far, in order of arrival. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The bodies of every request so far, in order of arrival. */
    public List<String> bodies() {
        return requests.stream().map(Request::body).toList();
    }

    /** Answers later requests differently (a vendor having a bad day). */
    public void answer(int newStatus, String newBody) {
        this.status = newStatus;
        this.answer = newBody;
    }

    /** Waits for the nth request (from 1) and returns it. */
    public Request await(int n, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (requests.size() < n) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(
                        "got "
                                + requests.size()
                                + " requests in "
                                + timeout.toSeconds()
                                + " s, not "
                                + n
                                + ": "
                                + requests);
            }
            Thread.sleep(50);
        }
        return requests.get(n - 1);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package io.tensorwasm.ops.engine.exec;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server on 127.0.0.1 that counts the calls to each path, for the resume tests: {@code
 * /one} answers {@code {"id":"abc-1"}}, {@code /three/...} fails with 500 until {@link #heal()},
 * every other path answers 200 {@code {"ok":true}}.
 */
final class CountingEndpoint implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private final AtomicBoolean healed = new AtomicBoolean();

    CountingEndpoint() {
        try {
            server =
                    HttpServer.create(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext(
                "/",
                e -> {
                    String path = e.getRequestURI().getPath();
                    paths.add(e.getRequestMethod() + " " + path);
                    String first = "/" + path.split("/")[1];
                    calls.computeIfAbsent(first, k -> new AtomicInteger()).incrementAndGet();
                    int status = first.equals("/three") && !healed.get() ? 500 : 200;
                    String body = first.equals("/one") ? "{\"id\":\"abc-1\"}" : "{\"ok\":true}";
                    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                    e.getResponseHeaders().add("Content-Type", "application/json");
                    e.sendResponseHeaders(status, bytes.length);
                    try (var out = e.getResponseBody()) {
                        out.write(bytes);
                    }
                });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** How many requests the first segment of a path got, e.g. {@code /one}. */
    int calls(String first) {
        AtomicInteger n = calls.get(first);
        return n == null ? 0 : n.get();
    }

    /** Every request as {@code METHOD /path}, in order. */
    List<String> paths() {
        return List.copyOf(paths);
    }

    /** From now on {@code /three} answers 200. */
    void heal() {
        healed.set(true);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

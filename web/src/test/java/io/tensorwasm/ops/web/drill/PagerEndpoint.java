package io.tensorwasm.ops.web.drill;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonObject;
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
 * A real HTTP endpoint on 127.0.0.1 standing in for a pager's generic JSON webhook: it answers 200
 * and keeps every event it received, in order.
 */
final class PagerEndpoint implements AutoCloseable {

    private final HttpServer server;
    private final List<JsonObject> events = new CopyOnWriteArrayList<>();

    PagerEndpoint() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext(
                "/",
                exchange -> {
                    events.add(
                            new JsonObject(
                                    new String(
                                            exchange.getRequestBody().readAllBytes(),
                                            StandardCharsets.UTF_8)));
                    byte[] reply = "{}".getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, reply.length);
                    exchange.getResponseBody().write(reply);
                    exchange.close();
                });
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    List<JsonObject> events() {
        return events;
    }

    /** Waits for the nth event (from 1) and returns it. */
    JsonObject await(int n, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (events.size() < n) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(
                        "the pager got " + events.size() + " events, not " + n + ": " + events);
            }
            Thread.sleep(50);
        }
        return events.get(n - 1);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

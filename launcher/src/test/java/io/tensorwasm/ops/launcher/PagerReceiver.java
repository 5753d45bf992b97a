package io.tensorwasm.ops.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP endpoint on 127.0.0.1 standing in for a person's pager behind the generic JSON
 * webhook channel (a paging vendor's cloud cannot run here): it records every event it is sent.
 */
final class PagerReceiver implements AutoCloseable {

    private final HttpServer server;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> events = new CopyOnWriteArrayList<>();

    PagerReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext(
                "/",
                exchange -> {
                    events.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
                    byte[] reply = "{}".getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, reply.length);
                    exchange.getResponseBody().write(reply);
                    exchange.close();
                });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/page";
    }

    /** The events of one incident (by its dedup key) of one kind: trigger, acknowledge, resolve. */
    List<JsonNode> events(String dedupKey, String event) {
        return events.stream()
                .filter(e -> dedupKey.equals(e.path("dedup_key").asText()))
                .filter(e -> event.equals(e.path("event").asText()))
                .toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

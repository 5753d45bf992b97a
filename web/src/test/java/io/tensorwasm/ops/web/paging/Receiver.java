package io.tensorwasm.ops.web.paging;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP endpoint on 127.0.0.1 standing in for a paging service's cloud, which cannot run
 * here: it records every request body and answers as the service does.
 */
final class Receiver implements AutoCloseable {

    private final HttpServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private volatile int status;
    private volatile String answer;

    private Receiver(int status, String answer) {
        this.status = status;
        this.answer = answer;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext(
                "/",
                exchange -> {
                    paths.add(exchange.getRequestURI().getPath());
                    bodies.add(
                            new String(
                                    exchange.getRequestBody().readAllBytes(),
                                    StandardCharsets.UTF_8));
                    byte[] reply = this.answer.getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(this.status, reply.length);
                    exchange.getResponseBody().write(reply);
                    exchange.close();
                });
        server.start();
    }

    /** Answers like PagerDuty's Events API: 202 and a small JSON. */
    static Receiver pagerDuty() {
        return new Receiver(202, "{\"status\":\"success\",\"message\":\"Event processed\"}");
    }

    /** Answers like a Slack incoming webhook: 200 {@code ok}. */
    static Receiver slack() {
        return new Receiver(200, "ok");
    }

    /** Answers 200 with an empty JSON object. */
    static Receiver webhook() {
        return new Receiver(200, "{}");
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    List<String> bodies() {
        return bodies;
    }

    List<String> paths() {
        return paths;
    }

    void answer(int newStatus, String newAnswer) {
        this.status = newStatus;
        this.answer = newAnswer;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package io.tensorwasm.ops.bench.alert;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JSON-webhook pager on this machine that takes as long to accept a page as a pager service
 * across the network does, so a page on the alert's path costs what it costs in production.
 */
final class SlowPager implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger pages = new AtomicInteger();

    SlowPager(Duration latency) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext(
                "/",
                exchange -> {
                    exchange.getRequestBody().readAllBytes();
                    try {
                        Thread.sleep(latency.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    pages.incrementAndGet();
                    byte[] body = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
        server.start();
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** Pages accepted so far. */
    int pages() {
        return pages.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package io.tensorwasm.ops.launcher.imports;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A paging tool's API as the fixtures under {@code src/test/resources/imports/TOOL} record it,
 * served on 127.0.0.1: each request path and query answers one file, a wrong {@code Authorization}
 * 401, anything else 404, as the real APIs do.
 */
final class ToolApi implements AutoCloseable {

    private final HttpServer server;
    final List<String> requests = new CopyOnWriteArrayList<>();

    private ToolApi(HttpServer server) {
        this.server = server;
    }

    /** Serves the files of a tool's folder at the given paths, to the given Authorization. */
    static ToolApi serve(String tool, String authorization, Map<String, String> routes)
            throws IOException {
        Path folder = Path.of("src", "test", "resources", "imports", tool);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ToolApi api = new ToolApi(server);
        server.createContext(
                "/",
                exchange -> {
                    URI uri = exchange.getRequestURI();
                    String key =
                            uri.getRawPath()
                                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
                    api.requests.add(key);
                    String file = routes.get(key);
                    int status;
                    byte[] body;
                    if (!authorization.equals(
                            exchange.getRequestHeaders().getFirst("Authorization"))) {
                        status = 401;
                        body = "{\"message\":\"Unauthorized\"}".getBytes(StandardCharsets.UTF_8);
                    } else if (file == null) {
                        status = 404;
                        body = "{\"detail\":\"Not found.\"}".getBytes(StandardCharsets.UTF_8);
                    } else {
                        status = 200;
                        body = Files.readAllBytes(folder.resolve(file));
                    }
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(status, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
        server.start();
        return api;
    }

    /** The base URL. */
    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** A recorded answer, read as the importer would. */
    String answer(String file) {
        try {
            return Files.readString(Path.of("src", "test", "resources", "imports").resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

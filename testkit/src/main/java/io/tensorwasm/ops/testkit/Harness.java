package io.tensorwasm.ops.testkit;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Serves production routes on 127.0.0.1 port 0 for the length of a test body, and always closes the
 * server and its Vert.x instance, also when the body fails.
 *
 * <pre>{@code
 * Harness.serve(vertx -> ConsoleRoutes.create(vertx, services), (port, client) -> {
 *     assertThat(client.get("/healthz").statusCode()).isEqualTo(200);
 * });
 * }</pre>
 */
public final class Harness {

    private Harness() {}

    /** Builds the routes on a fresh Vert.x, serves them on a free port and runs the body. */
    public static void serve(Function<Vertx, Handler<HttpServerRequest>> routes, Body body)
            throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            HttpServer server =
                    vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
                            .requestHandler(routes.apply(vertx))
                            .listen(0, "127.0.0.1")
                            .await(30, TimeUnit.SECONDS);
            body.run(server.actualPort(), HarnessClient.of(server.actualPort()));
        } finally {
            vertx.close().await(30, TimeUnit.SECONDS);
        }
    }

    /** The test body, given the port and a client for it. */
    @FunctionalInterface
    public interface Body {
        /** Runs the assertions against the served routes. */
        void run(int port, HarnessClient client) throws Exception;
    }
}

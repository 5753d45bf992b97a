package io.tensorwasm.ops.bench.http;

import io.tensorwasm.ops.runtime.RuntimeConfig;
import io.tensorwasm.ops.runtime.RuntimeServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The two servers the HTTP benchmark loads, each in a JVM of its own: the runtime as {@code
 * tensor-wasm serve} runs it (dev mode, rate limit off), or a bare Vert.x route that answers {@code
 * POST /functions/{id}/invoke} with the JSON the runtime answers for {@code ok.add(2, 3)}.
 *
 * <pre>{@code
 * java -cp ... io.tensorwasm.ops.bench.http.BenchServer runtime 8080 /tmp/data
 * java -cp ... io.tensorwasm.ops.bench.http.BenchServer bare 8081
 * }</pre>
 */
public final class BenchServer {

    static final String RESULT = "{\"result\":[5]}";

    private BenchServer() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[1]);
        if (args[0].equals("runtime")) {
            RuntimeConfig config =
                    RuntimeConfig.fromEnvironment(System.getenv()).toBuilder()
                            .port(port)
                            .dataDir(Path.of(args[2]))
                            .rateLimit(0, 0)
                            .build();
            RuntimeServer.start(config);
        } else {
            bare(port);
        }
        System.out.println("bench server " + args[0] + " listening on " + port);
        new CountDownLatch(1).await();
    }

    private static void bare(int port) throws Exception {
        Vertx vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.post("/functions/:id/invoke")
                .handler(
                        ctx ->
                                ctx.response()
                                        .putHeader("Content-Type", "application/json")
                                        .end(RESULT));
        router.get("/healthz")
                .handler(
                        ctx ->
                                ctx.response()
                                        .putHeader("Content-Type", "application/json")
                                        .end("{\"status\":\"ok\"}"));
        // The runtime's server options (no h2c), so only the route differs from the runtime.
        vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
                .requestHandler(router)
                .listen(port, "127.0.0.1")
                .await(30, TimeUnit.SECONDS);
    }
}

package io.tensorwasm.ops.bench.http;

import io.tensorwasm.ops.runtime.RuntimeConfig;
import io.tensorwasm.ops.runtime.RuntimeServer;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The two servers the HTTP benchmark loads, each in a JVM of its own: the runtime as {@code
 * tensor-wasm serve} runs it (dev mode, rate limit off), or a bare Vert.x route that answers {@code
 * POST /functions/{id}/invoke} with the JSON the runtime answers for {@code ok.add(2, 3)}.
 *
 * <pre>{@code
 * java -cp ... io.tensorwasm.ops.bench.http.BenchServer runtime 8080 /tmp/data [QUOTA]
 * java -cp ... io.tensorwasm.ops.bench.http.BenchServer bare 8081
 * }</pre>
 */
public final class BenchServer {

    static final String RESULT = "{\"result\":[5]}";

    /** What the log says the start took: {@code RuntimeServer.start()}, and the JVM's uptime. */
    static final String STARTED = "start took ";

    static final String UPTIME = "JVM uptime ";

    private BenchServer() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[1]);
        long start = System.nanoTime();
        if (args[0].equals("runtime")) {
            RuntimeConfig.Builder config =
                    RuntimeConfig.fromEnvironment(System.getenv()).toBuilder()
                            .port(port)
                            .dataDir(Path.of(args[2]))
                            .rateLimit(0, 0);
            if (args.length > 3) {
                // The growth table deploys up to this many functions of 10 KB (issue #22).
                int functions = Integer.parseInt(args[3]);
                config.tenantQuota(functions, 64L * 1024 * functions);
            }
            RuntimeServer.start(config.build());
        } else {
            bare(port);
        }
        System.out.println(
                "bench server "
                        + args[0]
                        + " listening on "
                        + port
                        + "; "
                        + STARTED
                        + (System.nanoTime() - start) / 1_000_000
                        + " ms, "
                        + UPTIME
                        + ManagementFactory.getRuntimeMXBean().getUptime()
                        + " ms");
        new CountDownLatch(1).await();
    }

    private static void bare(int port) throws Exception {
        // As many servers sharing the port as the runtime runs on this machine, so both serve
        // on the same number of event loops and only the route differs.
        Vertx.vertx()
                .deployVerticle(
                        () -> new BareVerticle(port),
                        new DeploymentOptions()
                                .setInstances(Runtime.getRuntime().availableProcessors()))
                .await(30, TimeUnit.SECONDS);
    }

    /** The bare route and {@code /healthz}, with the runtime's server options (no h2c). */
    private static final class BareVerticle extends VerticleBase {

        private final int port;

        BareVerticle(int port) {
            this.port = port;
        }

        @Override
        public Future<?> start() {
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
            return vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
                    .requestHandler(router)
                    .listen(port, "127.0.0.1");
        }
    }
}

package io.tensorwasm.ops.runtime.api;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import org.slf4j.LoggerFactory;

/**
 * Serves {@link RuntimeRoutes} on the configured address; {@link #actualPort()} tells which port
 * when the configuration asked for 0.
 */
public final class RuntimeVerticle extends VerticleBase {

    private final RuntimeServices services;
    private volatile HttpServer server;

    public RuntimeVerticle(RuntimeServices services) {
        this.services = services;
    }

    /**
     * How often a runtime on a database it shares with other replicas ({@code --db-url}) reads the
     * registry again, so a function deployed or deleted through one replica is served or refused by
     * every one within this time.
     */
    public static final long REFRESH_MILLIS = 2000;

    @Override
    public Future<?> start() {
        if (services.config().dbUrl() != null) {
            vertx.setPeriodic(
                    REFRESH_MILLIS,
                    id ->
                            vertx.executeBlocking(() -> services.registry().refresh(), false)
                                    .onFailure(
                                            e ->
                                                    LoggerFactory.getLogger(RuntimeVerticle.class)
                                                            .warn(
                                                                    "registry refresh failed: {}",
                                                                    e.getMessage())));
        }
        // No h2c: an HTTP/1.1 request offering "Upgrade: h2c" (the JDK client's default) is
        // answered in HTTP/1.1. Upgraded connections left the JDK client waiting past its request
        // timeout (tensor-wasm observe hung in TensorWasmCliIT); production speaks HTTP/2 over TLS
        // at the proxy, if at all.
        return vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
                .requestHandler(RuntimeRoutes.create(vertx, services))
                .listen(services.config().port(), services.config().bind())
                .onSuccess(s -> server = s);
    }

    /** The port the server listens on, once started. */
    public int actualPort() {
        return server.actualPort();
    }
}

package io.tensorwasm.ops.runtime.api;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;

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

    @Override
    public Future<?> start() {
        return vertx.createHttpServer()
                .requestHandler(RuntimeRoutes.create(vertx, services))
                .listen(services.config().port(), services.config().bind())
                .onSuccess(s -> server = s);
    }

    /** The port the server listens on, once started. */
    public int actualPort() {
        return server.actualPort();
    }
}

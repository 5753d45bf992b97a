package io.tensorwasm.ops.web;

import io.tensorwasm.ops.web.console.ConsoleRoutes;
import io.tensorwasm.ops.web.console.ConsoleServices;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

/** Serves the console's routes on the configured address. */
public final class ConsoleVerticle extends VerticleBase {

    private final ConsoleServices services;
    private volatile int actualPort = -1;

    /** A verticle over services that the caller built and will close. */
    public ConsoleVerticle(ConsoleServices services) {
        this.services = services;
    }

    @Override
    public Future<?> start() {
        // No h2c: an HTTP/1.1 request offering "Upgrade: h2c" (the JDK client's default) is
        // answered in HTTP/1.1. Upgraded connections left the JDK client waiting past its request
        // timeout (tensor-wasm observe hung in TensorWasmCliIT); production speaks HTTP/2 over TLS
        // at the proxy, if at all.
        return vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
                .requestHandler(ConsoleRoutes.create(vertx, services))
                .listen(services.config().port(), services.config().bind())
                .onSuccess(server -> actualPort = server.actualPort())
                .map(HttpServer::actualPort);
    }

    /** The port it listens on, once started. */
    public int actualPort() {
        return actualPort;
    }
}

package io.tensorwasm.ops.web;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

/** Serves the console's routes on the configured address. */
public final class ConsoleVerticle extends VerticleBase {

    private final ConsoleParts parts;
    private volatile int actualPort = -1;

    /** A verticle over parts that the caller built and will close. */
    public ConsoleVerticle(ConsoleParts parts) {
        this.parts = parts;
    }

    @Override
    public Future<?> start() {
        // No h2c: an HTTP/1.1 request offering "Upgrade: h2c" (the JDK client's default) is
        // answered in HTTP/1.1. Upgraded connections left the JDK client waiting past its request
        // timeout (tensor-wasm observe hung in TensorWasmCliIT); production speaks HTTP/2 over TLS
        // at the proxy, if at all.
        return vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
                .requestHandler(ConsoleRoutes.create(vertx, parts))
                .listen(parts.config().port(), parts.config().bind())
                .onSuccess(server -> actualPort = server.actualPort())
                .map(HttpServer::actualPort);
    }

    /** The port it listens on, once started. */
    public int actualPort() {
        return actualPort;
    }
}

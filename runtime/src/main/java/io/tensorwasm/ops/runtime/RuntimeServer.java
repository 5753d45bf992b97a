package io.tensorwasm.ops.runtime;

import io.tensorwasm.ops.runtime.api.RuntimeServices;
import io.tensorwasm.ops.runtime.api.RuntimeVerticle;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running TensorWasm runtime: registry loaded, API listening. The CLI's {@code serve}, the
 * launcher and tests start it the same way.
 *
 * <pre>{@code
 * try (RuntimeServer server = RuntimeServer.start(RuntimeConfig.builder().port(0).build())) {
 *     URI base = server.baseUri();   // http://127.0.0.1:PORT
 * }
 * }</pre>
 */
public final class RuntimeServer implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(RuntimeServer.class);
    private static final long WAIT_SECONDS = 60;

    private final Vertx vertx;
    private final RuntimeServices services;
    private final int port;

    private RuntimeServer(Vertx vertx, RuntimeServices services, int port) {
        this.vertx = vertx;
        this.services = services;
        this.port = port;
    }

    /**
     * Opens the registry and listens; blocks until it answers.
     *
     * @throws IllegalStateException when it cannot listen, or would listen off loopback in dev mode
     */
    public static RuntimeServer start(RuntimeConfig config) {
        requireTokensOffLoopback(config);
        RuntimeServices services = RuntimeServices.open(config);
        Vertx vertx = Vertx.vertx();
        String address = config.bind() + ":" + config.port();
        try {
            RuntimeVerticle verticle = new RuntimeVerticle(services);
            vertx.deployVerticle(verticle).await(WAIT_SECONDS, TimeUnit.SECONDS);
            logger.info("runtime listening on {}:{}", config.bind(), verticle.actualPort());
            return new RuntimeServer(vertx, services, verticle.actualPort());
        } catch (TimeoutException e) {
            closeQuietly(vertx, services);
            throw new IllegalStateException(
                    address + ": not listening after " + WAIT_SECONDS + " s", e);
        } catch (Exception e) {
            // A startup boundary: await() rethrows a failed listen as it came, checked ones such
            // as BindException included, and the registry must be closed whatever it was.
            closeQuietly(vertx, services);
            throw new IllegalStateException(address + ": cannot listen: " + e.getMessage(), e);
        }
    }

    /**
     * Refuses dev mode on an address other hosts may reach (issue #16): without tokens every
     * request is admitted, backups and their audit key included.
     */
    static void requireTokensOffLoopback(RuntimeConfig config) {
        if (config.apiTokens().isBlank() && !loopback(config.bind())) {
            throw new IllegalStateException(
                    config.bind()
                            + ": refusing to listen off loopback in dev mode"
                            + " (TENSOR_WASM_API_TOKENS is empty), where anyone who reaches the"
                            + " port may deploy functions and take backups; set"
                            + " TENSOR_WASM_API_TOKENS or bind 127.0.0.1");
        }
    }

    private static boolean loopback(String bind) {
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The port it listens on. */
    public int port() {
        return port;
    }

    /** {@code http://HOST:PORT} as a client on this machine reaches it. */
    public URI baseUri() {
        String bind = services.config().bind();
        String host = bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind;
        return URI.create("http://" + host + ":" + port);
    }

    /**
     * {@code http://BIND:PORT}, the address it listens on as configured: {@code 0.0.0.0} stays
     * {@code 0.0.0.0}, so a banner says what is really reachable.
     */
    public URI listenUri() {
        String bind = services.config().bind();
        String host = bind.contains(":") ? "[" + bind + "]" : bind;
        return URI.create("http://" + host + ":" + port);
    }

    /** The services behind the API, for tests and the bench. */
    public RuntimeServices services() {
        return services;
    }

    /** Stops listening, interrupts running guests, closes the registry. */
    @Override
    public void close() {
        try {
            vertx.close().await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            logger.warn("Vert.x did not close within {} s", WAIT_SECONDS);
        } finally {
            services.close();
            logger.info("runtime on port {} stopped", port);
        }
    }

    private static void closeQuietly(Vertx vertx, RuntimeServices services) {
        try {
            vertx.close().await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException ignored) {
            // Startup already failed; that failure is what the caller needs to see.
        } finally {
            services.close();
        }
    }
}

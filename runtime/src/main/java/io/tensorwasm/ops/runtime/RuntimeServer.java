package io.tensorwasm.ops.runtime;

import io.tensorwasm.ops.runtime.api.RuntimeServices;
import io.tensorwasm.ops.runtime.api.RuntimeVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
            List<RuntimeVerticle> verticles = new CopyOnWriteArrayList<>();
            int instances = eventLoops(config);
            vertx.deployVerticle(
                            () -> {
                                RuntimeVerticle verticle = new RuntimeVerticle(services);
                                verticles.add(verticle);
                                return verticle;
                            },
                            new DeploymentOptions().setInstances(instances))
                    .await(WAIT_SECONDS, TimeUnit.SECONDS);
            int port = verticles.get(0).actualPort();
            logger.info(
                    "runtime listening on {}:{} ({} event loops)", config.bind(), port, instances);
            return new RuntimeServer(vertx, services, port);
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
     * One server per core, sharing the port, so requests are served on every core (issue #22: a
     * call that provably ends runs on its event loop, and one loop held the whole API to one core).
     * A server asked for port 0 is one: Vert.x shares a listening port only between servers asked
     * for the same one, and each asked for 0 would get a port of its own.
     */
    static int eventLoops(RuntimeConfig config) {
        return config.port() == 0 ? 1 : Math.max(1, Runtime.getRuntime().availableProcessors());
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

package io.tensorwasm.ops.web;

import io.tensorwasm.ops.oncall.access.IssuedToken;
import io.tensorwasm.ops.oncall.access.Role;
import io.tensorwasm.ops.oncall.access.TokenStore;
import io.tensorwasm.ops.oncall.run.RunEnvironment;
import io.tensorwasm.ops.oncall.store.Database;
import io.tensorwasm.ops.oncall.store.PrivateFiles;
import io.tensorwasm.ops.web.health.PlatformHealth;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running console: database migrated, first admin token issued if there is none, health probes
 * running, routes served.
 *
 * <pre>{@code
 * try (ConsoleServer console = ConsoleServer.start(ConsoleConfig.builder().port(0).build())) {
 *     System.out.println("http://127.0.0.1:" + console.port());
 * }
 * }</pre>
 */
public final class ConsoleServer implements AutoCloseable {

    /** The file, under the data directory, that holds the first admin token (mode 0600). */
    public static final String ADMIN_TOKEN_FILE = "console-admin-token";

    /** The webhook token's file under the data directory: see {@link ConsoleParts}. */
    public static final String WEBHOOK_TOKEN_FILE = ConsoleParts.WEBHOOK_TOKEN_FILE;

    private static final Logger logger = LoggerFactory.getLogger(ConsoleServer.class);

    private final Vertx vertx;
    private final Database database;
    private final PlatformHealth health;
    private final ConsoleParts parts;
    private final int port;

    private ConsoleServer(
            Vertx vertx, Database database, PlatformHealth health, ConsoleParts parts, int port) {
        this.vertx = vertx;
        this.database = database;
        this.health = health;
        this.parts = parts;
        this.port = port;
    }

    /** Starts the console without target adapters or tools and returns once it listens. */
    public static ConsoleServer start(ConsoleConfig config) throws TimeoutException {
        return start(config, RunEnvironment.none());
    }

    /**
     * Starts the console and returns once it listens: migrates its database, reads the runbook
     * catalogue, issues the first admin token if there is none, and starts the health probes.
     *
     * @param environment what runs act on: target adapters, tools, poll interval, runtime token
     */
    public static ConsoleServer start(ConsoleConfig config, RunEnvironment environment)
            throws TimeoutException {
        PrivateFiles.secure(config.dataDir());
        Database database = Database.open(config.jdbcUrl(), "sa", "");
        Vertx vertx = Vertx.vertx();
        try {
            PlatformHealth health =
                    new PlatformHealth(
                            vertx,
                            config.runtimeUrl(),
                            config.prometheusUrl(),
                            database,
                            Clock.systemUTC());
            health.start(5_000).await(10, TimeUnit.SECONDS);
            ConsoleParts parts = ConsoleParts.create(vertx, config, database, health, environment);
            ensureAdminToken(parts.tokens(), config.dataDir().resolve(ADMIN_TOKEN_FILE));
            // The database files H2 just made carry the process's umask: put them right too.
            PrivateFiles.secure(config.dataDir());
            ConsoleVerticle verticle = new ConsoleVerticle(parts);
            vertx.deployVerticle(verticle).await(30, TimeUnit.SECONDS);
            // The drills follow links into the console, so they start once it listens.
            parts.drills().start(listening(config, verticle.actualPort()));
            parts.onCall().startSweeps();
            return new ConsoleServer(vertx, database, health, parts, verticle.actualPort());
        } catch (RuntimeException | TimeoutException e) {
            vertx.close();
            database.close();
            throw e;
        }
    }

    /** The port the console listens on. */
    public int port() {
        return port;
    }

    /** The parts behind the routes, for tests and the launcher. */
    public ConsoleParts parts() {
        return parts;
    }

    /** Where the Alertmanager webhook's bearer token was written. */
    public Path webhookTokenFile() {
        return parts.config().dataDir().resolve(WEBHOOK_TOKEN_FILE);
    }

    /** Where the first admin token was written. */
    public Path adminTokenFile() {
        return parts.config().dataDir().resolve(ADMIN_TOKEN_FILE);
    }

    @Override
    public void close() {
        try {
            parts.close();
        } catch (RuntimeException e) {
            // At JVM exit H2 may have closed the file already (see ConsoleConfig#jdbcUrl); the
            // rest of the stop must still happen.
            logger.warn("the console's services did not stop cleanly: {}", e.getMessage());
        }
        health.stop();
        try {
            vertx.close().await(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            logger.warn("vert.x did not close within 30 s");
        } finally {
            database.close();
        }
    }

    /**
     * Issues the first admin token when no admin token is active, and writes it to a file only the
     * owner can read. The token itself is never logged.
     */
    static void ensureAdminToken(TokenStore tokens, Path file) {
        boolean anyAdmin = tokens.list().stream().anyMatch(p -> p.role() == Role.ADMIN);
        if (anyAdmin && Files.exists(file)) {
            return;
        }
        if (anyAdmin) {
            logger.info("admin tokens exist; {} was removed, so none is written", file);
            return;
        }
        IssuedToken admin = tokens.issue("first admin", Role.ADMIN);
        PrivateFiles.writeSecret(file, admin.token());
        logger.info("issued the first console admin token; it is in {}", file);
    }

    private static URI listening(ConsoleConfig config, int port) {
        String host =
                config.bind().equals("0.0.0.0") || config.bind().equals("::")
                        ? "127.0.0.1"
                        : config.bind();
        return URI.create("http://" + host + ":" + port);
    }
}

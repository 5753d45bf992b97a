package io.tensorwasm.ops.web.console;

import io.tensorwasm.ops.testkit.FreePort;
import io.tensorwasm.ops.web.ConsoleConfig;
import io.tensorwasm.ops.web.auth.Role;
import io.tensorwasm.ops.web.auth.TokenStore;
import io.tensorwasm.ops.web.store.ConsoleSecrets;
import io.tensorwasm.ops.web.store.Database;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/** Console services over a fresh in-memory H2 database, watching a runtime on the given URI. */
final class ConsoleFixture implements AutoCloseable {

    final Database database;
    final TokenStore tokens;
    final String admin;
    final String viewer;
    private final URI runtime;
    private PlatformHealth health;

    private ConsoleFixture(URI runtime) {
        this.runtime = runtime;
        this.database =
                Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        this.tokens = new TokenStore(database.dataSource(), Clock.systemUTC());
        this.admin = tokens.issue("ada admin", Role.ADMIN).token();
        this.viewer = tokens.issue("vic viewer", Role.VIEWER).token();
    }

    /** A fixture whose runtime address has nothing listening. */
    static ConsoleFixture withRuntimeDown() {
        return new ConsoleFixture(URI.create("http://127.0.0.1:" + FreePort.next()));
    }

    /** The services for a Vert.x instance, with health probed once before returning. */
    ConsoleServices services(Vertx vertx) {
        ConsoleConfig config =
                ConsoleConfig.builder()
                        .port(0)
                        .dataDir(Path.of("target", "console-test"))
                        .runtimeUrl(runtime)
                        .build();
        health = new PlatformHealth(vertx, runtime, Optional.empty(), database, Clock.systemUTC());
        health.probe().toCompletionStage().toCompletableFuture().join();
        return new ConsoleServices(
                config,
                database,
                tokens,
                health,
                new ConsoleSecrets(database.dataSource()).named("csrf"));
    }

    @Override
    public void close() {
        database.close();
    }
}

package io.tensorwasm.ops.web;

import io.tensorwasm.ops.oncall.access.Role;
import io.tensorwasm.ops.oncall.access.TokenStore;
import io.tensorwasm.ops.oncall.run.RunEnvironment;
import io.tensorwasm.ops.oncall.store.Database;
import io.tensorwasm.ops.testkit.FreePort;
import io.tensorwasm.ops.web.health.PlatformHealth;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Console parts over a fresh in-memory H2 database and the test runbooks in {@code
 * src/test/resources/console-runbooks}, watching a runtime on the given URI.
 */
public final class ConsoleFixture implements AutoCloseable {

    public static final Path RUNBOOKS = Path.of("src", "test", "resources", "console-runbooks");

    public final Database database;
    public final TokenStore tokens;
    public final String admin;
    public final String viewer;
    public final String operator;
    private final URI runtime;
    private URI alertmanager;
    private URI prometheus;
    private Path runbooks = RUNBOOKS;
    private UnaryOperator<ConsoleConfig.Builder> more = UnaryOperator.identity();
    private Path slackSecret;
    private ConsoleParts parts;

    private ConsoleFixture(URI runtime) {
        this.runtime = runtime;
        this.database =
                Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        this.tokens = new TokenStore(database.dataSource(), Clock.systemUTC());
        this.admin = tokens.issue("ada admin", Role.ADMIN).token();
        this.viewer = tokens.issue("vic viewer", Role.VIEWER).token();
        this.operator = tokens.issue("otto operator", Role.OPERATOR).token();
    }

    /** A fixture whose runtime address has nothing listening. */
    public static ConsoleFixture withRuntimeDown() {
        return new ConsoleFixture(URI.create("http://127.0.0.1:" + FreePort.next()));
    }

    /** The same fixture, reading metrics and charts from a Prometheus. */
    public ConsoleFixture prometheus(URI url) {
        this.prometheus = url;
        return this;
    }

    /** The same fixture, with more settings of the console. */
    public ConsoleFixture configure(UnaryOperator<ConsoleConfig.Builder> settings) {
        this.more = settings;
        return this;
    }

    /** The same fixture, with the runbook pages of another folder. */
    public ConsoleFixture runbooks(Path folder) {
        this.runbooks = folder;
        return this;
    }

    /** The same fixture, reading firing alerts from an Alertmanager. */
    public ConsoleFixture alertmanager(URI url) {
        this.alertmanager = url;
        return this;
    }

    /** The same fixture, checking Slack's clicks with the signing secret in a file. */
    public ConsoleFixture slackSigningSecret(Path file) {
        this.slackSecret = file;
        return this;
    }

    /** The parts for a Vert.x instance, with health probed once before returning. */
    public ConsoleParts parts(Vertx vertx) {
        ConsoleConfig config =
                more.apply(ConsoleConfig.builder())
                        .port(0)
                        .dataDir(Path.of("target", "console-test"))
                        .runtimeUrl(runtime)
                        .runbooks(List.of(runbooks))
                        .alertmanagerUrl(alertmanager)
                        .prometheusUrl(prometheus)
                        .slackSigningSecret(slackSecret)
                        .build();
        PlatformHealth health =
                new PlatformHealth(
                        vertx,
                        runtime,
                        Optional.ofNullable(prometheus),
                        database,
                        Clock.systemUTC());
        health.probe().toCompletionStage().toCompletableFuture().join();
        parts =
                ConsoleParts.create(
                        vertx,
                        config,
                        database,
                        health,
                        RunEnvironment.none().withPollInterval(Duration.ofMillis(200)));
        return parts;
    }

    @Override
    public void close() {
        if (parts != null) {
            parts.close();
        }
        database.close();
    }
}

package io.tensorwasm.ops.web;

import io.tensorwasm.ops.drills.Drills;
import io.tensorwasm.ops.drills.ProbeTokens;
import io.tensorwasm.ops.oncall.OnCall;
import io.tensorwasm.ops.oncall.catalogue.RunbookLibrary;
import io.tensorwasm.ops.oncall.run.RunEnvironment;
import io.tensorwasm.ops.oncall.store.ConsoleSecrets;
import io.tensorwasm.ops.oncall.store.Database;
import io.tensorwasm.ops.web.auth.Role;
import io.tensorwasm.ops.web.auth.TokenStore;
import io.tensorwasm.ops.web.health.PlatformHealth;
import io.tensorwasm.ops.web.home.AlertmanagerAlerts;
import io.tensorwasm.ops.web.home.FiringAlerts;
import io.tensorwasm.ops.web.home.IncidentAlerts;
import io.tensorwasm.ops.web.runbooks.LiveValues;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the console is made of, built once by the server (and by tests): the database, the process's
 * incident response and drills, the catalogue, tokens and health. {@link ConsoleRoutes} hands each
 * feature only the parts it uses.
 *
 * <pre>{@code
 * ConsoleParts parts = ConsoleParts.create(vertx, config, database, health, RunEnvironment.none());
 * Router router = ConsoleRoutes.create(vertx, parts);
 * }</pre>
 *
 * @param config how the console runs
 * @param database the console's database
 * @param tokens console users
 * @param health the platform's health
 * @param csrfSecret the key that signs CSRF tokens, shared by every node
 * @param library the runbook catalogue
 * @param onCall incident response: the desk, paging, remediation and the runs of this process
 * @param liveValues live values of first-look queries
 * @param alerts where firing alerts come from
 * @param drills the readiness drills of this node
 * @param clock the clock
 */
public record ConsoleParts(
        ConsoleConfig config,
        Database database,
        TokenStore tokens,
        PlatformHealth health,
        String csrfSecret,
        RunbookLibrary library,
        OnCall onCall,
        LiveValues liveValues,
        FiringAlerts alerts,
        Drills drills,
        Clock clock)
        implements AutoCloseable {

    public ConsoleParts {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(csrfSecret, "csrfSecret");
        Objects.requireNonNull(library, "library");
        Objects.requireNonNull(onCall, "onCall");
        Objects.requireNonNull(liveValues, "liveValues");
        Objects.requireNonNull(alerts, "alerts");
        Objects.requireNonNull(drills, "drills");
        Objects.requireNonNull(clock, "clock");
    }

    /**
     * Wires the console: reads the runbook catalogue, builds incident response over the console's
     * database (the execution store migrates {@code db/engine} into it), and the drills.
     */
    public static ConsoleParts create(
            Vertx vertx,
            ConsoleConfig config,
            Database database,
            PlatformHealth health,
            RunEnvironment environment) {
        Clock clock = Clock.systemUTC();
        RunbookLibrary library = RunbookLibrary.load(config.runbooks());
        OnCall onCall =
                OnCall.create(
                        new OnCall.Wiring(
                                database,
                                library,
                                environment,
                                new OnCall.Endpoints(
                                        config.runtimeUrl(),
                                        config.prometheusUrl(),
                                        config.grafanaUrl(),
                                        config.publicUrl()),
                                config.onCall()));
        TokenStore tokens = new TokenStore(database.dataSource(), clock);
        FiringAlerts alerts =
                config.alertmanagerUrl()
                        .<FiringAlerts>map(url -> new AlertmanagerAlerts(vertx, url))
                        .orElseGet(() -> new IncidentAlerts(vertx, onCall.incidents()));
        Drills drills =
                Drills.create(
                        new Drills.Wiring(
                                config.drills(),
                                config.runtimeUrl(),
                                config.grafanaUrl(),
                                Optional.ofNullable(environment.cliTools().get("tensor-wasm")),
                                database,
                                onCall,
                                probeTokens(tokens)));
        return new ConsoleParts(
                config,
                database,
                tokens,
                health,
                new ConsoleSecrets(database.dataSource()).named("csrf"),
                library,
                onCall,
                new LiveValues(
                        vertx.createSharedWorkerExecutor("console-live-values", 4),
                        onCall.metrics(),
                        Duration.ofMillis(2_500),
                        Duration.ofSeconds(5),
                        clock),
                alerts,
                drills,
                clock);
    }

    /** The console's tokens as the drills' probe uses them. */
    private static ProbeTokens probeTokens(TokenStore tokens) {
        return new ProbeTokens() {
            @Override
            public List<Token> list() {
                return tokens.list().stream().map(p -> new Token(p.tokenId(), p.name())).toList();
            }

            @Override
            public Issued issueViewer(String name) {
                var issued = tokens.issue(name, Role.VIEWER);
                return new Issued(issued.principal().tokenId(), issued.token());
            }

            @Override
            public void revoke(String id) {
                tokens.revoke(id);
            }
        };
    }

    /** Stops the drills, then incident response: its sweep and the live runs waiting on people. */
    @Override
    public void close() {
        try {
            drills.close();
        } finally {
            onCall.close();
        }
    }
}

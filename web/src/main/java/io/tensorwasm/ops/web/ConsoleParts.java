package io.tensorwasm.ops.web;

import io.tensorwasm.ops.drills.Drills;
import io.tensorwasm.ops.drills.ProbeTokens;
import io.tensorwasm.ops.oncall.OnCall;
import io.tensorwasm.ops.oncall.access.ConsoleSecrets;
import io.tensorwasm.ops.oncall.access.Role;
import io.tensorwasm.ops.oncall.access.TokenStore;
import io.tensorwasm.ops.oncall.catalogue.RunbookLibrary;
import io.tensorwasm.ops.oncall.run.RunEnvironment;
import io.tensorwasm.ops.oncall.store.Database;
import io.tensorwasm.ops.oncall.store.PrivateFiles;
import io.tensorwasm.ops.web.health.PlatformHealth;
import io.tensorwasm.ops.web.home.AlertmanagerAlerts;
import io.tensorwasm.ops.web.home.FiringAlerts;
import io.tensorwasm.ops.web.home.IncidentAlerts;
import io.tensorwasm.ops.web.runbooks.LiveValues;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * @param webhookToken the bearer token Alertmanager sends, kept as its hash, shared by every node
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
        ConsoleSecrets.StoredToken webhookToken,
        RunbookLibrary library,
        OnCall onCall,
        LiveValues liveValues,
        FiringAlerts alerts,
        Drills drills,
        Clock clock)
        implements AutoCloseable {

    /**
     * The file, under the data directory, that holds the bearer token Alertmanager sends to {@code
     * POST /hooks/alertmanager} (mode 0600): its {@code credentials_file}.
     */
    public static final String WEBHOOK_TOKEN_FILE = "alertmanager-webhook-token";

    /** The webhook token's name in the console's database. */
    static final String WEBHOOK_SECRET = "alertmanager-webhook";

    private static final Logger logger = LoggerFactory.getLogger(ConsoleParts.class);

    public ConsoleParts {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(csrfSecret, "csrfSecret");
        Objects.requireNonNull(webhookToken, "webhookToken");
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
        ConsoleSlack.approvals(config).ifPresent(slack -> onCall.runs().onQuestion(slack::asked));
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
        ConsoleSecrets secrets = new ConsoleSecrets(database.dataSource());
        return new ConsoleParts(
                config,
                database,
                tokens,
                health,
                secrets.named("csrf"),
                webhookToken(secrets, config.dataDir().resolve(WEBHOOK_TOKEN_FILE), database),
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

    /**
     * The webhook's token, and its file for Alertmanager's {@code credentials_file}. The database
     * keeps only its hash, so the file is written when the token is made. A node whose file is
     * missing or stale gets a new token on the embedded database, which only it uses; on
     * PostgreSQL, where other nodes and Alertmanager hold the token, it says how to get it.
     */
    private static ConsoleSecrets.StoredToken webhookToken(
            ConsoleSecrets secrets, Path file, Database database) {
        ConsoleSecrets.StoredToken token = secrets.token(WEBHOOK_SECRET);
        if (token.issued().isPresent()) {
            PrivateFiles.writeSecret(file, token.issued().get());
            return token;
        }
        if (token.matches(PrivateFiles.existingToken(file))) {
            return token;
        }
        if (!database.postgres()) {
            ConsoleSecrets.StoredToken fresh = secrets.rotate(WEBHOOK_SECRET);
            PrivateFiles.writeSecret(file, fresh.issued().orElseThrow());
            logger.warn(
                    "{} was missing or stale; the webhook has a new token in it: give it to"
                            + " Alertmanager again",
                    file);
            return fresh;
        }
        logger.warn(
                "{} is missing or stale on this node; the database keeps only the webhook token's"
                        + " hash: copy the file from the node that made it",
                file);
        return token;
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

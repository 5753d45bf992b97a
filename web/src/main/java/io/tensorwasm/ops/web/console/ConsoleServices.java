package io.tensorwasm.ops.web.console;

import io.tensorwasm.ops.engine.metrics.MetricSource;
import io.tensorwasm.ops.engine.store.ExecutionStore;
import io.tensorwasm.ops.engine.store.JdbcExecutionStore;
import io.tensorwasm.ops.web.ConsoleConfig;
import io.tensorwasm.ops.web.RunEnvironment;
import io.tensorwasm.ops.web.alert.AlertmanagerAlerts;
import io.tensorwasm.ops.web.alert.FiringAlerts;
import io.tensorwasm.ops.web.alert.IncidentAlerts;
import io.tensorwasm.ops.web.auth.TokenStore;
import io.tensorwasm.ops.web.drill.Drills;
import io.tensorwasm.ops.web.execution.CheckPolls;
import io.tensorwasm.ops.web.execution.ConsoleRuns;
import io.tensorwasm.ops.web.execution.RunContexts;
import io.tensorwasm.ops.web.remediation.IncidentResponse;
import io.tensorwasm.ops.web.runbook.GrafanaLinks;
import io.tensorwasm.ops.web.runbook.LiveValues;
import io.tensorwasm.ops.web.runbook.RunbookLibrary;
import io.tensorwasm.ops.web.store.ConsoleSecrets;
import io.tensorwasm.ops.web.store.Database;
import io.tensorwasm.ops.web.webhook.IncidentDesk;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the console's routes use, built once by the server and reused by tests.
 *
 * <pre>{@code
 * ConsoleServices services = ConsoleServices.create(vertx, config, database, health, RunEnvironment.none());
 * Router router = ConsoleRoutes.create(vertx, services);
 * }</pre>
 *
 * @param config how the console runs
 * @param database the console's database
 * @param tokens console users
 * @param health the platform's health
 * @param csrfSecret the key that signs CSRF tokens, shared by every node
 * @param library the runbook catalogue
 * @param runs the runs driven from the console, and the execution store behind them
 * @param liveValues live values of first-look queries
 * @param alerts where firing alerts come from
 * @param grafana deep links into Grafana
 * @param response the Alertmanager webhook, incidents, paging and remediation
 * @param clock the clock
 * @param drills the readiness drills of this node
 */
public record ConsoleServices(
        ConsoleConfig config,
        Database database,
        TokenStore tokens,
        PlatformHealth health,
        String csrfSecret,
        RunbookLibrary library,
        ConsoleRuns runs,
        LiveValues liveValues,
        FiringAlerts alerts,
        GrafanaLinks grafana,
        IncidentResponse response,
        Clock clock,
        Drills drills)
        implements AutoCloseable {

    /** How long a run may go without a heartbeat before it counts as interrupted. */
    static final Duration STALE_AFTER = Duration.ofSeconds(30);

    public ConsoleServices {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(csrfSecret, "csrfSecret");
        Objects.requireNonNull(library, "library");
        Objects.requireNonNull(runs, "runs");
        Objects.requireNonNull(liveValues, "liveValues");
        Objects.requireNonNull(alerts, "alerts");
        Objects.requireNonNull(grafana, "grafana");
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(drills, "drills");
    }

    /**
     * Wires the console: reads the runbook catalogue, opens the execution store over the console's
     * database (it migrates {@code db/engine}), and builds the runs' contexts from the environment.
     */
    public static ConsoleServices create(
            Vertx vertx,
            ConsoleConfig config,
            Database database,
            PlatformHealth health,
            RunEnvironment environment) {
        Clock clock = Clock.systemUTC();
        RunbookLibrary library = RunbookLibrary.load(config.runbooks());
        ExecutionStore store = JdbcExecutionStore.over(database.dataSource(), STALE_AFTER);
        MetricSource metrics =
                config.prometheusUrl()
                        .map(MetricSource::prometheus)
                        .orElseGet(
                                () ->
                                        MetricSource.scrape(
                                                URI.create(
                                                        withoutTrailingSlash(config.runtimeUrl())
                                                                + "/metrics")));
        RunContexts contexts = contexts(config, environment, metrics, store, library);
        ConsoleRuns runs = new ConsoleRuns(contexts, new CheckPolls(database.dataSource()), clock);
        LiveValues values =
                new LiveValues(
                        vertx.createSharedWorkerExecutor("console-live-values", 4),
                        metrics,
                        Duration.ofMillis(2_500),
                        Duration.ofSeconds(5),
                        clock);
        IncidentResponse response =
                IncidentResponse.create(
                        new IncidentResponse.Wiring(
                                database.dataSource(),
                                library,
                                runs,
                                new IncidentDesk.Links(
                                        config.publicUrl(),
                                        config.grafanaUrl(),
                                        config.runtimeUrl().getAuthority()),
                                config.onCall()));
        FiringAlerts alerts =
                config.alertmanagerUrl()
                        .<FiringAlerts>map(url -> new AlertmanagerAlerts(vertx, url))
                        .orElseGet(() -> new IncidentAlerts(vertx, response.incidents()));
        TokenStore tokens = new TokenStore(database.dataSource(), clock);
        return new ConsoleServices(
                config,
                database,
                tokens,
                health,
                new ConsoleSecrets(database.dataSource()).named("csrf"),
                library,
                runs,
                values,
                alerts,
                new GrafanaLinks(config.grafanaUrl()),
                response,
                clock,
                Drills.create(config, environment, database, tokens));
    }

    private static RunContexts contexts(
            ConsoleConfig config,
            RunEnvironment environment,
            MetricSource metrics,
            ExecutionStore store,
            RunbookLibrary library) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("runtime", withoutTrailingSlash(config.runtimeUrl()));
        config.prometheusUrl().ifPresent(p -> variables.put("prometheus", withoutTrailingSlash(p)));
        return new RunContexts(
                variables,
                metrics,
                environment.targets(),
                environment.cliTools(),
                environment.pager(),
                store,
                library::runbook,
                environment.pollInterval(),
                environment.runtimeToken());
    }

    /**
     * Stops waiting on people in live runs (their records end as the engine decides) and drills.
     */
    @Override
    public void close() {
        try {
            drills.close();
        } finally {
            runs.close();
        }
    }

    private static String withoutTrailingSlash(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}

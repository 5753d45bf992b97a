package io.tensorwasm.ops.oncall;

import io.tensorwasm.ops.engine.exec.Escalation;
import io.tensorwasm.ops.engine.metrics.MetricSource;
import io.tensorwasm.ops.engine.model.Texts;
import io.tensorwasm.ops.engine.store.ExecutionStore;
import io.tensorwasm.ops.engine.store.JdbcExecutionStore;
import io.tensorwasm.ops.oncall.alert.AlertLedger;
import io.tensorwasm.ops.oncall.catalogue.RunbookLibrary;
import io.tensorwasm.ops.oncall.desk.AlertDesk;
import io.tensorwasm.ops.oncall.desk.AlertIntake;
import io.tensorwasm.ops.oncall.desk.RunPages;
import io.tensorwasm.ops.oncall.export.IncidentExport;
import io.tensorwasm.ops.oncall.incident.IncidentStore;
import io.tensorwasm.ops.oncall.paging.Paging;
import io.tensorwasm.ops.oncall.paging.RotationSchedules;
import io.tensorwasm.ops.oncall.paging.Rotations;
import io.tensorwasm.ops.oncall.paging.ScheduledResponders;
import io.tensorwasm.ops.oncall.paging.TestPages;
import io.tensorwasm.ops.oncall.remediation.AlertRemediation;
import io.tensorwasm.ops.oncall.remediation.Escalations;
import io.tensorwasm.ops.oncall.remediation.IncidentRuns;
import io.tensorwasm.ops.oncall.remediation.Promotions;
import io.tensorwasm.ops.oncall.remediation.RemediationStore;
import io.tensorwasm.ops.oncall.remediation.Resumptions;
import io.tensorwasm.ops.oncall.run.CheckPolls;
import io.tensorwasm.ops.oncall.run.LiveRuns;
import io.tensorwasm.ops.oncall.run.RunContexts;
import io.tensorwasm.ops.oncall.run.RunEnvironment;
import io.tensorwasm.ops.oncall.schedule.EscalationPolicy;
import io.tensorwasm.ops.oncall.schedule.PolicyStore;
import io.tensorwasm.ops.oncall.schedule.ScheduleStore;
import io.tensorwasm.ops.oncall.store.Database;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Incident response of one process, wired once: the ledger of Alertmanager's deliveries, the alert
 * desk, the one {@link Paging} over the schedules and the one {@link Rotations}, the runbooks'
 * policies, the runs this process drives, and the sweep that escalates what nobody acknowledged or
 * approved. The console, the drills and the command line all share this one instance.
 *
 * <pre>{@code
 * try (OnCall onCall = OnCall.create(new OnCall.Wiring(database, library, environment, endpoints, settings))) {
 *     onCall.startSweeps();
 *     onCall.intake().deliver(body);          // what POST /hooks/alertmanager does
 * }
 * }</pre>
 */
public final class OnCall implements AutoCloseable {

    /** How long a run may go without a heartbeat before it counts as interrupted. */
    static final Duration STALE_AFTER = Duration.ofSeconds(30);

    private static final Logger logger = LoggerFactory.getLogger(OnCall.class);

    private final OnCallSettings settings;
    private final IncidentStore incidents;
    private final Rotations rotations;
    private final ScheduleStore schedules;
    private final PolicyStore policies;
    private final Paging paging;
    private final TestPages testPages;
    private final RemediationStore remediations;
    private final Promotions promotions;
    private final Resumptions resumptions;
    private final IncidentExport export;
    private final MetricSource metrics;
    private final LiveRuns runs;
    private final AlertDesk desk;
    private final IncidentRuns incidentRuns;
    private final RunPages runPages;
    private final AlertIntake intake;
    private final ScheduledExecutorService sweeps;

    /**
     * What incident response is built from.
     *
     * @param database the console's database
     * @param library the runbook catalogue
     * @param environment target adapters, tools, poll interval and runtime token of the runs
     * @param endpoints where the runtime, Prometheus, Grafana and the console are
     * @param settings the rotation, the approval timeout, the grace, the sweep
     */
    public record Wiring(
            Database database,
            RunbookLibrary library,
            RunEnvironment environment,
            Endpoints endpoints,
            OnCallSettings settings) {

        public Wiring {
            Objects.requireNonNull(database, "database");
            Objects.requireNonNull(library, "library");
            Objects.requireNonNull(environment, "environment");
            Objects.requireNonNull(endpoints, "endpoints");
            Objects.requireNonNull(settings, "settings");
        }
    }

    /**
     * Where the parts around incident response are.
     *
     * @param runtime the runtime the runs operate
     * @param prometheus the Prometheus HTTP API, when there is one; without it checks scrape the
     *     runtime's {@code /metrics}
     * @param grafana Grafana's base URL, for pages whose alert has no dashboard link
     * @param console the console's URL as people reach it, for the links in pages
     */
    public record Endpoints(URI runtime, Optional<URI> prometheus, URI grafana, URI console) {

        public Endpoints {
            Objects.requireNonNull(runtime, "runtime");
            Objects.requireNonNull(prometheus, "prometheus");
            Objects.requireNonNull(grafana, "grafana");
            Objects.requireNonNull(console, "console");
        }

        /** Where checks and {@code promql} steps read metrics. */
        MetricSource metrics() {
            return prometheus
                    .map(MetricSource::prometheus)
                    .orElseGet(
                            () ->
                                    MetricSource.scrape(
                                            URI.create(Texts.base(runtime) + "/metrics")));
        }
    }

    private OnCall(Wiring w) {
        Clock clock = Clock.systemUTC();
        DataSource db = w.database().dataSource();
        this.settings = w.settings();
        this.incidents = new IncidentStore(db);
        this.rotations = settings.rotations().map(Rotations::load).orElseGet(Rotations::none);
        this.schedules = new ScheduleStore(db, clock);
        this.policies = new PolicyStore(db, clock);
        if (settings.rotations().isPresent()) {
            RotationSchedules.load(rotations, schedules, policies);
        }
        // Issue #20: each page asks the default policy's schedules who holds the tier then.
        this.paging =
                new Paging(
                        db,
                        incidents,
                        rotations,
                        new ScheduledResponders(
                                EscalationPolicy.DEFAULT, policies, schedules, rotations),
                        clock);
        this.testPages = new TestPages(db, rotations, clock);
        this.remediations = new RemediationStore(db);
        this.metrics = w.endpoints().metrics();
        ExecutionStore executions = JdbcExecutionStore.over(db, STALE_AFTER);
        this.promotions = new Promotions(db, executions, clock);
        // Runs that work no incident page through the desk (pageForRun), built just below.
        this.runs =
                new LiveRuns(
                        contexts(w, executions, metrics, this::pageForRun),
                        new CheckPolls(db),
                        clock);
        AlertDesk.Links links =
                new AlertDesk.Links(
                        w.endpoints().console(),
                        w.endpoints().grafana(),
                        w.endpoints().runtime().getAuthority());
        this.desk =
                new AlertDesk(
                        incidents,
                        paging,
                        w.library(),
                        links,
                        clock,
                        escalations -> new AlertRemediation(remediation(w, escalations), clock));
        this.incidentRuns = new IncidentRuns(remediation(w, desk), clock);
        this.runPages = new RunPages(desk, links);
        this.resumptions = new Resumptions(w.library(), runs, incidents, remediations, clock);
        this.export =
                new IncidentExport(
                        incidents,
                        new AlertLedger(db),
                        paging,
                        remediations,
                        executions,
                        runs.polls(),
                        clock);
        this.intake = new AlertIntake(new AlertLedger(db), desk, clock);
        this.sweeps =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "oncall-sweep");
                            t.setDaemon(true);
                            return t;
                        });
    }

    /** Wires incident response; reads the rotation file when there is one. */
    public static OnCall create(Wiring wiring) {
        return new OnCall(wiring);
    }

    private AlertRemediation.Parts remediation(Wiring w, Escalations escalations) {
        return new AlertRemediation.Parts(
                w.library(),
                runs,
                incidents,
                escalations,
                remediations,
                settings.approvalTimeout(),
                settings.stillFiringGrace(),
                w.endpoints().console(),
                promotions);
    }

    private static RunContexts contexts(
            Wiring w,
            ExecutionStore executions,
            MetricSource metrics,
            io.tensorwasm.ops.engine.exec.Pager pager) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("runtime", Texts.base(w.endpoints().runtime()));
        w.endpoints().prometheus().ifPresent(p -> variables.put("prometheus", Texts.base(p)));
        RunEnvironment environment = w.environment();
        return new RunContexts(
                variables,
                metrics,
                environment.targets(),
                environment.cliTools(),
                environment.pager().orElse(pager),
                executions,
                w.library()::runbook,
                environment.pollInterval(),
                environment.runtimeToken(),
                environment.fleet());
    }

    private void pageForRun(Escalation escalation) {
        runPages.page(escalation);
    }

    /**
     * Sweeps on a thread of its own every {@link OnCallSettings#sweepEvery()}: pages past their
     * deadline, prepared runs nobody approved, alerts that still fire after a successful run. Every
     * node sweeps; each claim is one conditional update, so one node acts on each.
     */
    public void startSweeps() {
        long every = settings.sweepEvery().toMillis();
        // First, what waited on a person when a console stopped comes back (issue #16).
        sweeps.execute(
                () -> {
                    try {
                        int restored = desk.remediation().restore();
                        if (restored > 0) {
                            logger.info("prepared {} waiting runs again after a restart", restored);
                        }
                    } catch (RuntimeException e) {
                        logger.error("action=restore_failed", e);
                    }
                });
        sweeps.scheduleWithFixedDelay(
                () -> {
                    try {
                        sweep();
                    } catch (RuntimeException e) {
                        // The boundary of the sweep's thread: the next sweep tries again.
                        logger.error("action=escalation_sweep_failed", e);
                    }
                },
                every,
                every,
                TimeUnit.MILLISECONDS);
    }

    /**
     * One sweep: alerts a crash left half-handled, then overdue pages, then remediations waiting
     * too long; returns how many pages it escalated.
     */
    public int sweep() {
        intake.sweep();
        int escalated = desk.escalateOverdue();
        desk.remediation().sweep();
        return escalated;
    }

    /** Incidents and their timelines, to read; the desk changes them. */
    public IncidentStore incidents() {
        return incidents;
    }

    /** The one place that opens, acknowledges, escalates and closes incidents. */
    public AlertDesk desk() {
        return desk;
    }

    /** The runs people start for incidents: interactive, or past the cooldown. */
    public IncidentRuns incidentRuns() {
        return incidentRuns;
    }

    /** Alertmanager's deliveries in. */
    public AlertIntake intake() {
        return intake;
    }

    /** The one paging of this process. */
    public Paging paging() {
        return paging;
    }

    /** The one rotation of this process. */
    public Rotations rotations() {
        return rotations;
    }

    /** The on-call schedules, the rotation file's tiers among them. */
    public ScheduleStore schedules() {
        return schedules;
    }

    /** The escalation policies; pages go to {@link EscalationPolicy#DEFAULT}. */
    public PolicyStore policies() {
        return policies;
    }

    /** The paging drill's test pages, over the same rotation. */
    public TestPages testPages() {
        return testPages;
    }

    /** Where each incident's remediation stands. */
    public RemediationStore remediations() {
        return remediations;
    }

    /** Shadow runbooks' records and their promotions to auto (issue #19). */
    public Promotions promotions() {
        return promotions;
    }

    /** Resumes stopped executions, in their incident when they were its remediation. */
    public Resumptions resumptions() {
        return resumptions;
    }

    /** Incidents whole, for their postmortems. */
    public IncidentExport export() {
        return export;
    }

    /** The runs this process drives, and the execution store behind them. */
    public LiveRuns runs() {
        return runs;
    }

    /** Where checks, {@code promql} steps and first-look queries read metrics. */
    public MetricSource metrics() {
        return metrics;
    }

    /** The settings in force. */
    public OnCallSettings settings() {
        return settings;
    }

    /** Stops sweeping and stops waiting on people in live runs. */
    @Override
    public void close() {
        sweeps.shutdownNow();
        runs.close();
    }
}

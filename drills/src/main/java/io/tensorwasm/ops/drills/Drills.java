package io.tensorwasm.ops.drills;

import io.tensorwasm.ops.oncall.OnCall;
import io.tensorwasm.ops.oncall.paging.TestPages;
import io.tensorwasm.ops.oncall.store.Database;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The readiness drills of one console node: the paging drill, the disaster-recovery smoke test and
 * the rehearsal, their runs, their test pages, and this node's share of the Quartz cluster. Built
 * with the console's services; {@link #start(URI)} runs once the console listens, because the
 * paging drill follows links into it.
 *
 * <pre>{@code
 * Drills drills = Drills.create(new Drills.Wiring(settings, runtime, grafana, cli, database, onCall, tokens));
 * drills.start(URI.create("http://127.0.0.1:8090"));
 * drills.runNow("dr-smoke");
 * }</pre>
 */
public final class Drills implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(Drills.class);

    /** The name of each node's probe token, before the node's name. */
    private static final String PROBE_PREFIX = "readiness drills on ";

    private final DrillSettings settings;
    private final Database database;
    private final ProbeTokens tokens;
    private final DrillRunStore runs;
    private final TestPages testPages;
    private final ConsoleLink link;
    private final Map<String, Drill> drills;
    private final DrillRunner runner;
    private volatile DrillScheduler scheduler;
    private volatile String probeTokenId;

    private Drills(Wiring w) {
        this.settings = w.settings();
        this.database = w.database();
        this.tokens = w.tokens();
        this.runs = new DrillRunStore(database.dataSource());
        this.testPages = w.onCall().testPages();
        this.link = new ConsoleLink(w.grafanaUrl());
        this.drills = drills(w, testPages, link);
        this.runner =
                new DrillRunner(
                        drills,
                        runs,
                        new FailurePages(w.onCall().desk(), link, settings.node()),
                        settings.node(),
                        Clock.systemUTC());
    }

    /**
     * What the drills of a node are built from.
     *
     * @param settings the node's schedules, rule files, dashboards, scratch space
     * @param runtimeUrl the runtime the smoke test checks
     * @param grafanaUrl Grafana, for the links of failure pages
     * @param cli the {@code tensor-wasm} command line of this build, if there is one
     * @param database the console's database, where Quartz and the runs live
     * @param onCall the process's incident response: the desk, the rotation, the test pages
     * @param tokens the console's tokens, for the probe token the paging drill follows links with
     */
    public record Wiring(
            DrillSettings settings,
            URI runtimeUrl,
            URI grafanaUrl,
            Optional<List<String>> cli,
            Database database,
            OnCall onCall,
            ProbeTokens tokens) {}

    /** The drills of a console; nothing runs until {@link #start(URI)}. */
    public static Drills create(Wiring wiring) {
        return new Drills(wiring);
    }

    private static Map<String, Drill> drills(Wiring w, TestPages pages, ConsoleLink link) {
        DrillSettings s = w.settings();
        RuntimeAccess access =
                new RuntimeAccess(s.runtimeTokenFile(), s.runtimeAuditLog(), w.cli());
        Map<String, Drill> all = new LinkedHashMap<>();
        all.put(
                "paging",
                new PagingDrill(
                        pages,
                        w.onCall().rotations(),
                        new LinkChecks(s.alertRules(), s.dashboards(), link),
                        link));
        all.put("dr-smoke", new DrSmokeDrill(w.runtimeUrl(), access));
        all.put("dr-rehearsal", new DrRehearsalDrill(w.cli(), s.scratch(), s.rto()));
        return all;
    }

    /**
     * Joins the drill cluster once the console listens at the address: issues the viewer token the
     * paging drill follows runbook links with (held in memory only), then starts Quartz.
     */
    public void start(URI listening) {
        URI base = settings.consoleUrl().orElse(listening);
        String probeName = PROBE_PREFIX + settings.node();
        // This node's token from an earlier start; on the embedded database, which only one
        // console uses, every earlier node's token: its process is gone, and H2's exit hook may
        // have closed the file before that node could revoke its own.
        boolean embedded = !database.postgres();
        for (ProbeTokens.Token earlier : tokens.list()) {
            if (earlier.name().equals(probeName)
                    || (embedded && earlier.name().startsWith(PROBE_PREFIX))) {
                tokens.revoke(earlier.id());
            }
        }
        ProbeTokens.Issued probe = tokens.issueViewer(probeName);
        probeTokenId = probe.id();
        link.listening(base, probe.secret());
        try {
            scheduler =
                    DrillScheduler.start(
                            new DrillScheduler.Settings(
                                    settings.node(),
                                    database.postgres(),
                                    settings.checkin(),
                                    settings.schedules()),
                            database.dataSource(),
                            runner);
        } catch (SchedulerException e) {
            throw new IllegalStateException(
                    "cannot start the drill scheduler: " + e.getMessage(), e);
        }
        logger.info(
                "node {} runs drills {} against {}", settings.node(), settings.schedules(), base);
    }

    /** This node's name in the cluster. */
    public String node() {
        return settings.node();
    }

    /** The drills, each with its description and schedule, in the order the console lists them. */
    public List<Scheduled> schedule() {
        return drills.values().stream()
                .map(
                        d ->
                                new Scheduled(
                                        d.name(),
                                        d.description(),
                                        settings.schedules().get(d.name()),
                                        nextRun(d.name())))
                .toList();
    }

    /**
     * A drill and when it runs.
     *
     * @param name the drill
     * @param description one sentence
     * @param cron its cron expression, or {@code off}
     * @param next when it is next due, if it is scheduled and this node runs the scheduler
     */
    public record Scheduled(String name, String description, String cron, Optional<Instant> next) {}

    /** The newest runs of every node first. */
    public List<DrillRun> recent(int limit) {
        return runs.recent(limit);
    }

    /** Queues a run-now request that whichever node is free picks up; returns its id. */
    public String runNow(String drill) {
        if (!drills.containsKey(drill)) {
            throw new IllegalArgumentException(
                    drill + ": no such drill; drills are " + String.join(", ", drills.keySet()));
        }
        DrillScheduler running = scheduler;
        if (running == null) {
            throw new IllegalStateException("the drill scheduler is not running on this node");
        }
        try {
            return running.runNow(drill);
        } catch (SchedulerException e) {
            throw new IllegalStateException(
                    "cannot queue a run of " + drill + ": " + e.getMessage(), e);
        }
    }

    /** The paging drill's test pages still waiting for acknowledgement. */
    public List<TestPages.TestPage> openTestPages() {
        return testPages.open();
    }

    /** Acknowledges a test page as the person named. */
    public TestPages.Acknowledgement acknowledge(long testPage, String by) {
        return testPages.acknowledge(testPage, by);
    }

    /**
     * Revokes this node's probe token, then interrupts its running drills and stops its scheduler.
     * The token goes first: at JVM exit H2 may close the database at any moment, and a token left
     * behind is the one thing an admin would have to clean up by hand.
     */
    @Override
    public void close() {
        if (probeTokenId != null) {
            try {
                tokens.revoke(probeTokenId);
            } catch (RuntimeException e) {
                logger.warn(
                        "could not revoke the drills' probe token {}: {}",
                        probeTokenId,
                        e.getMessage());
            }
        }
        DrillScheduler running = scheduler;
        scheduler = null;
        try {
            if (running != null) {
                running.close();
            }
        } catch (SchedulerException | RuntimeException e) {
            logger.warn("the drill scheduler did not stop cleanly: {}", e.getMessage());
        }
    }

    private Optional<Instant> nextRun(String drill) {
        DrillScheduler running = scheduler;
        if (running == null) {
            return Optional.empty();
        }
        try {
            return running.nextRun(drill);
        } catch (SchedulerException e) {
            logger.warn("cannot read the next run of {}: {}", drill, e.getMessage());
            return Optional.empty();
        }
    }
}

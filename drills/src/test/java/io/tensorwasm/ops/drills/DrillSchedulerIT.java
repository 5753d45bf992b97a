package io.tensorwasm.ops.drills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tensorwasm.ops.oncall.catalogue.RunbookLibrary;
import io.tensorwasm.ops.oncall.desk.AlertDesk;
import io.tensorwasm.ops.oncall.incident.Incident;
import io.tensorwasm.ops.oncall.incident.IncidentStore;
import io.tensorwasm.ops.oncall.incident.Severity;
import io.tensorwasm.ops.oncall.paging.Paging;
import io.tensorwasm.ops.oncall.paging.Rotations;
import io.tensorwasm.ops.oncall.remediation.Remediation;
import io.tensorwasm.ops.oncall.store.Database;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DrillSchedulerIT {

    private final Database database =
            Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    private final DrillRunStore runs = new DrillRunStore(database.dataSource());
    private final IncidentStore incidents = new IncidentStore(database.dataSource());

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void firesOnItsCronRecordsEachFiringOnceAndRunsNowOnRequest() throws Exception {
        CountingDrill tick = new CountingDrill("tick", true);
        try (DrillScheduler scheduler = start(Map.of("tick", tick), "0/1 * * * * ?")) {
            awaitRuns("tick", 3);
            String manual = scheduler.runNow("tick");
            awaitManual(manual);
            assertThat(scheduler.nextRun("tick")).isPresent();
        }
        List<DrillRun> recorded = runs.recent(100);
        assertThat(recorded).extracting(DrillRun::fireKey).doesNotHaveDuplicates();
        assertThat(recorded).extracting(DrillRun::outcome).containsOnly("passed");
        assertThat(recorded).hasSize(tick.runs.get());
        assertThat(recorded)
                .filteredOn(r -> r.trigger().equals("schedule"))
                .allSatisfy(r -> assertThat(r.fireKey()).matches("tick@\\d{4}-.*Z"));
    }

    @Test
    void aFailedDrillOpensASev2IncidentNamingTheFailedCheck() throws Exception {
        CountingDrill broken = new CountingDrill("paging", false);
        try (DrillScheduler scheduler = start(Map.of("paging", broken), "0 0 3 1 * ?")) {
            awaitManual(scheduler.runNow("paging"));
        }
        DrillRun run = runs.recent(1).get(0);
        assertThat(run.outcome()).isEqualTo("failed");
        assertThat(run.summary()).isEqualTo("the primary acknowledged: nobody within 5 min");
        Incident incident = incidents.findByKey("drill-run:" + run.id()).orElseThrow();
        assertThat(incident.severity()).isEqualTo(Severity.SEV_2);
        assertThat(incident.title()).isEqualTo("Drill failed: paging (1 check)");
    }

    @Test
    void aSecondRunWithTheSameFireKeyIsRefusedByTheDatabase() throws Exception {
        DrillRunner runner = runner(Map.of("tick", new CountingDrill("tick", true)));
        assertThat(runner.run("tick", "tick@2026-12-01T03:00:00Z", "schedule")).isPresent();
        assertThat(runner.run("tick", "tick@2026-12-01T03:00:00Z", "schedule")).isEmpty();
        assertThat(runs.count("tick")).isEqualTo(1);
    }

    @Test
    void marksARunItsNodeAbandonedAsInterrupted() {
        Instant longAgo = Instant.now().minus(Duration.ofHours(2));
        runs.begin("tick", "tick@old", "dead-node", "schedule", longAgo);
        runs.begin("tick", "tick@new", "live-node", "schedule", Instant.now());
        assertThat(runner(Map.of("tick", new CountingDrill("tick", true))).recoverAbandoned())
                .isEqualTo(1);
        assertThat(runs.recent(10))
                .extracting(DrillRun::fireKey, DrillRun::outcome)
                .containsExactly(tuple("tick@new", "running"), tuple("tick@old", "interrupted"));
    }

    private DrillScheduler start(Map<String, Drill> drills, String cron) throws Exception {
        Map<String, String> schedules = Map.of(drills.keySet().iterator().next(), cron);
        return DrillScheduler.start(
                new DrillScheduler.Settings(
                        "node-" + UUID.randomUUID(), false, Duration.ofSeconds(1), schedules),
                database.dataSource(),
                runner(drills));
    }

    private DrillRunner runner(Map<String, Drill> drills) {
        Clock clock = Clock.systemUTC();
        ConsoleLink link = new ConsoleLink(URI.create("http://127.0.0.1:3000"));
        link.listening(URI.create("http://127.0.0.1:8090"), "probe-token");
        AlertDesk desk =
                new AlertDesk(
                        incidents,
                        new Paging(database.dataSource(), incidents, Rotations.none(), clock),
                        RunbookLibrary.load(List.of()),
                        new AlertDesk.Links(
                                URI.create("http://127.0.0.1:8090"),
                                URI.create("http://127.0.0.1:3000"),
                                "127.0.0.1:8080"),
                        clock,
                        escalations -> Remediation.NONE);
        return new DrillRunner(
                drills, runs, new FailurePages(desk, link, "test-node"), "test-node", clock);
    }

    private void awaitRuns(String drill, int count) throws InterruptedException {
        for (int i = 0; i < 100 && runs.count(drill) < count; i++) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        assertThat(runs.count(drill)).isGreaterThanOrEqualTo(count);
    }

    private void awaitManual(String id) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (runs.recent(100).stream()
                    .anyMatch(
                            r ->
                                    r.fireKey().equals("manual:" + id)
                                            && r.finishedAt().isPresent())) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new AssertionError("the run-now request " + id + " did not finish within 10 s");
    }
}

package io.tensorwasm.ops.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.drills.DrillRun;
import io.tensorwasm.ops.drills.DrillRunStore;
import io.tensorwasm.ops.oncall.store.Database;
import io.tensorwasm.ops.testkit.FreePort;
import io.tensorwasm.ops.testkit.ManagedProcess;
import io.tensorwasm.ops.testkit.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real console nodes ({@code twops start --no-runtime} processes) on one real PostgreSQL, the
 * paging drill scheduled every two seconds (issue #9): each firing runs exactly once across both
 * nodes, with no firing lost and none refused by the run's unique key; kill -9 the node that ran
 * the last firing and the other carries on with its triggers; {@code twops drill run} queues a
 * request that the cluster runs once, and {@code twops drill history} shows it.
 */
class ConsoleClusterIT {

    private static final String EVERY_TWO_SECONDS = "0/2 * * * * ?";

    @TempDir Path dir;

    @Test
    void twoNodesRunEachFiringOnceAndTheSurvivorTakesOverAfterAKill() throws Exception {
        try (PostgresServer postgres = PostgresServer.start()) {
            String url = postgres.createDatabase("console") + "?user=" + postgres.user();
            Path rules = rulesPointingNowhere();
            List<DrillRun> before;
            List<DrillRun> after;
            List<DrillRun> all;
            Instant killed;
            String survivor;
            try (ManagedProcess a = node(url, "node-a", rules);
                    ManagedProcess b = node(url, "node-b", rules);
                    Database database = Database.open(url, postgres.user(), "")) {
                DrillRunStore runs = new DrillRunStore(database.dataSource());
                before = awaitScheduled(runs, 8, Duration.ofSeconds(60));
                String last = before.get(before.size() - 1).node();
                ManagedProcess victim = last.equals("node-a") ? a : b;
                survivor = last.equals("node-a") ? "node-b" : "node-a";
                ProcessHandle.of(victim.pid()).ifPresent(ProcessHandle::destroyForcibly);
                killed = Instant.now();
                after = awaitRunsBy(runs, survivor, killed, 3, Duration.ofSeconds(60));
                all = scheduled(runs);

                String cli = twops(dir, "drill", "run", "paging", "--db-url", url, "--wait", "60s");
                assertThat(cli).containsPattern("paging: failed in \\d+\\.\\d s on " + survivor);
                assertThat(twops(dir, "drill", "history", "--db-url", url, "--limit", "5"))
                        .contains(" paging ", " manual ", survivor);
                for (ManagedProcess node : List.of(a, b)) {
                    assertThat(Files.readString(node.log())).doesNotContain("skipped=already_run");
                }
            }
            // Every firing from the first to the last, across the kill, ran exactly once: the
            // firings the dead node had acquired ran late on the survivor, none lost or repeated.
            assertThat(all).extracting(DrillRun::fireKey).doesNotHaveDuplicates();
            for (int i = 1; i < all.size(); i++) {
                assertThat(Duration.between(fireTime(all.get(i - 1)), fireTime(all.get(i))))
                        .as(
                                "%s follows %s by one period",
                                all.get(i).fireKey(), all.get(i - 1).fireKey())
                        .isEqualTo(Duration.ofSeconds(2));
            }
            Duration takeover = Duration.between(killed, after.get(0).startedAt());
            System.out.printf(
                    "cluster: %d firings, each run once (%d before the kill, by %s); %s ran the"
                            + " first firing after the kill %d ms after it%n",
                    all.size(),
                    before.size(),
                    before.stream().map(DrillRun::node).distinct().toList(),
                    survivor,
                    takeover.toMillis());
            assertThat(takeover).isLessThan(Duration.ofSeconds(30));
        }
    }

    private Path rulesPointingNowhere() throws Exception {
        // A rule file whose runbook links lead nowhere: the drill fails at once on every firing,
        // so the test measures the scheduler, not the drill.
        String nowhere = "http://127.0.0.1:" + FreePort.next();
        return Files.writeString(
                dir.resolve("rules.yml"),
                "groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: vector(1)\n"
                        + "        annotations:\n          runbook_url: "
                        + nowhere
                        + "/runbooks/x\n          dashboard_url: "
                        + nowhere
                        + "/d/x?viewPanel=1\n");
    }

    private ManagedProcess node(String url, String name, Path rules) throws Exception {
        Path data = Files.createDirectories(dir.resolve(name));
        ManagedProcess node =
                ManagedProcess.start(
                        "console-" + name,
                        command(
                                "start",
                                "--no-runtime",
                                "--no-monitoring",
                                "--runtime-url",
                                "http://127.0.0.1:" + FreePort.next(),
                                "--console-port",
                                Integer.toString(FreePort.next()),
                                "--data-dir",
                                data.toString(),
                                "--db-url",
                                url,
                                "--node",
                                name,
                                "--cluster-checkin",
                                "1s",
                                "--alert-rules",
                                rules.toString(),
                                "--drill-schedule",
                                "paging=" + EVERY_TWO_SECONDS,
                                "--drill-schedule",
                                "dr-smoke=off",
                                "--drill-schedule",
                                "dr-rehearsal=off"),
                        dir);
        node.awaitReady(
                name + " start report",
                Duration.ofSeconds(90),
                () -> Files.readString(node.log()).contains("Ctrl-C stops everything"));
        return node;
    }

    private static List<String> command(String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command =
                new ArrayList<>(
                        List.of(
                                java,
                                "-cp",
                                System.getProperty("java.class.path"),
                                TwopsCommand.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /** Runs a twops command to its end and returns its output. */
    private static String twops(Path dir, String... args) throws Exception {
        try (ManagedProcess cli = ManagedProcess.start("twops-" + args[1], command(args), dir)) {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
            while (cli.isAlive() && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            assertThat(cli.isAlive()).as("twops %s still runs", String.join(" ", args)).isFalse();
            return Files.readString(cli.log());
        }
    }

    private static List<DrillRun> awaitScheduled(DrillRunStore runs, int count, Duration timeout)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        List<DrillRun> scheduled = scheduled(runs);
        while (scheduled.size() < count && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            scheduled = scheduled(runs);
        }
        assertThat(scheduled).hasSizeGreaterThanOrEqualTo(count);
        return scheduled;
    }

    private static List<DrillRun> awaitRunsBy(
            DrillRunStore runs, String node, Instant after, int count, Duration timeout)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            List<DrillRun> later =
                    scheduled(runs).stream()
                            .filter(r -> r.node().equals(node) && r.startedAt().isAfter(after))
                            .toList();
            if (later.size() >= count) {
                return later;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(node + " ran fewer than " + count + " firings after the kill");
    }

    /** Scheduled runs, oldest first. */
    private static List<DrillRun> scheduled(DrillRunStore runs) {
        return runs.recent("paging", 1000).stream()
                .filter(r -> r.trigger().equals("schedule"))
                .sorted(Comparator.comparing(DrillRun::id))
                .toList();
    }

    private static Instant fireTime(DrillRun run) {
        return Instant.parse(run.fireKey().substring(run.fireKey().indexOf('@') + 1));
    }
}

package io.tensorwasm.ops.engine.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.engine.model.Check;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.model.Step;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeedImportTest {

    private static final Path SEED =
            Path.of("src/test/resources/seed-import/004_8fc7f42726fd580e.txt");

    @Test
    void importsFourRunbooksWhoseEstimatesAddUpToTheirStatedTotals() {
        LintReport report = Catalog.lint(SEED);

        assertThat(report.problems()).isEmpty();
        assertThat(report.runbooks())
                .extracting(Runbook::id)
                .containsExactly("p1-001", "p1-002", "p1-003", "p1-004");
        assertThat(report.runbooks())
                .extracting(r -> r.estimatedTotal().toMinutes())
                .containsExactly(12L, 8L, 7L, 8L);
        assertThat(report.runbooks())
                .extracting(r -> r.metadata().total().orElseThrow().toMinutes())
                .containsExactly(12L, 8L, 7L, 8L);
        assertThat(report.runbooks().get(0).metadata().sla()).contains(Duration.ofMinutes(15));
    }

    @Test
    void lintReportSaysWhichChecksAreMachineCheckable() {
        LintReport report = Catalog.lint(SEED);

        assertThat(report.render())
                .isEqualTo(
                        """
                        p1-001: 5 steps, 12m of 15m SLA; machine-checkable: 1, 4, 5; manual: 2, 3
                        p1-002: 5 steps, 8m; machine-checkable: none; manual: 1, 2, 3, 4, 5
                        p1-003: 4 steps, 7m; machine-checkable: 3, 4; manual: 1, 2
                        p1-004: 4 steps, 8m; machine-checkable: 1, 4; manual: 2, 3
                        """);
    }

    @Test
    void translatesTheSeedNotationIntoCel() {
        List<Runbook> runbooks = Catalog.lint(SEED).runbooks();
        Runbook crash = runbooks.get(0);

        assertThat(check(crash, 1).expression()).isEqualTo("exit_code == 0 || exit_code == 1");
        assertThat(check(crash, 4).expression()).isEqualTo("health.status == \"ready\"");
        assertThat(check(crash, 4).timing()).isEqualTo(Check.Timing.WITHIN);
        assertThat(check(crash, 4).duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(check(crash, 5).expression())
                .isEqualTo("health.dashboard_link == \"connected\"");
        assertThat(check(crash, 3).prose()).isEqualTo("Core dump file present in /tmp/");
        Check relay = check(runbooks.get(2), 3);
        assertThat(relay.expression()).isEqualTo("health.dashboard_link == \"connected\"");
        assertThat(relay.prose()).isEqualTo("Supervisor auto-restarts relay");
        assertThat(relay.duration()).isEqualTo(Duration.ofSeconds(10));
        Check recovered = check(runbooks.get(3), 4);
        assertThat(recovered.expression()).isEqualTo("metric(\"iterations_per_sec\") > 0");
        assertThat(recovered.timing()).isEqualTo(Check.Timing.AFTER);
        assertThat(recovered.duration()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void keepsUnreadableNotationAsProseForAPerson() {
        Runbook crashLoop = Catalog.lint(SEED).runbooks().get(1);

        // "threshold" and "target_count" are named nowhere the engine can read them (seed 004,
        // P1-002).
        assertThat(check(crashLoop, 1).machineCheckable()).isFalse();
        assertThat(check(crashLoop, 1).prose())
                .isEqualTo(
                        "children.failed > 0 and child_runtime_records[].restart_count > threshold");
        assertThat(
                        SeedNotation.translate(
                                "children.failed > 0 and child_runtime_records[].restart_count > threshold"))
                .isEqualTo(
                        "health.children.failed > 0 && health.child_runtime_records.exists(e, e.restart_count > threshold)");
    }

    @Test
    void turnsReadOnlyCommandsAfterAColonIntoShellStepsAndTheRestIntoConfirmSteps() {
        Runbook crash = Catalog.lint(SEED).runbooks().get(0);

        assertThat(crash.steps())
                .extracting(s -> s.action().text())
                .containsExactly(
                        "shell pgrep -x supervisor",
                        "shell journalctl -u supervisor -n 50",
                        "confirm \"If unexpected crash: collect core dump and backtrace\"",
                        // A restart changes the host: a person does it, never a shell step.
                        "confirm \"Restart supervisor: cargo run --release --example supervisor_quickstart\"",
                        "confirm \"Verify children reconnected: check dashboard IPC\"");
        assertThat(crash.steps()).allMatch(Step::needsPerson);
        assertThat(Catalog.lint(AllowlistFile.defaults(), SEED).problems())
                .as("every shell step the import makes is one the default allowlist admits")
                .isEmpty();
        assertThat(crash.escalation())
                .isEqualTo(
                        "If restart fails twice, escalate to L2 engineering with core dump and logs.");
    }

    @Test
    void translatesPromqlCallsIntoPromqlChecks() {
        assertThat(SeedNotation.translate("rate(x_total[1m]) > 200"))
                .isEqualTo("promql(\"rate(x_total[1m])\") > 200");
        assertThat(SeedNotation.translate("Process running")).isNull();
    }

    private static Check check(Runbook runbook, int step) {
        return runbook.step(step).orElseThrow().check().orElseThrow();
    }
}

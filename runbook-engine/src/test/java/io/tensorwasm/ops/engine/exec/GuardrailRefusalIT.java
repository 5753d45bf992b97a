package io.tensorwasm.ops.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tensorwasm.ops.engine.model.Mode;
import io.tensorwasm.ops.engine.model.RunStatus;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.model.Trigger;
import io.tensorwasm.ops.engine.parse.Catalog;
import io.tensorwasm.ops.engine.store.ExecutionStore;
import io.tensorwasm.ops.engine.store.JdbcExecutionStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Why a run would be refused, asked before anything is recorded (issue #17: the console pages only
 * once it knows), and an approver's automatic run past the cooldown, inside every other guardrail.
 */
class GuardrailRefusalIT {

    @TempDir Path dir;

    private ExecutionStore store;

    @BeforeEach
    void open() {
        store = JdbcExecutionStore.open("jdbc:h2:file:" + dir.resolve("engine"), "", "");
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void anApproverRunsPastTheCooldownAndNothingElse() {
        Runbook runbook =
                runbook("automation: auto\nguardrails:\n  max_runs_per_hour: 2\n  cooldown: 1h\n");
        Executor executor = executor();
        assertThat(executor.run(runbook, RunRequest.automatic("fp-5")).status())
                .isEqualTo(RunStatus.SUCCEEDED);

        assertThat(executor.refusal(runbook, RunRequest.automatic("fp-6")))
                .hasValueSatisfying(
                        why -> assertThat(why).startsWith("sample: cooling down until "));
        RunRequest override = RunRequest.automaticOverridingCooldown("bo");
        assertThat(executor.refusal(runbook, override)).isEmpty();
        assertThat(executor.run(runbook, override).status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(executor.refusal(runbook, override))
                .contains(
                        "sample: 2 automatic runs on runtime in the last hour, the most its"
                                + " guardrails allow");
        assertThat(store.recent(10)).hasSize(2);
    }

    @Test
    void saysWhyARunbookThatIsNotAutomaticNeverRunsByItself() {
        assertThat(
                        executor()
                                .refusal(
                                        runbook("automation: \"off\"\n"),
                                        RunRequest.automatic("fp-7")))
                .contains(
                        "sample: automation is \"off\"; only runbooks with automation: auto run"
                                + " automatically");
        assertThatThrownBy(
                        () ->
                                new RunRequest(
                                        Mode.INTERACTIVE,
                                        Trigger.person("bo"),
                                        "",
                                        1,
                                        Map.of(),
                                        Map.of(),
                                        Optional.empty(),
                                        true))
                .hasMessage("interactive: only an automatic run has a cooldown to override");
        assertThat(store.recent(10)).isEmpty();
    }

    private Runbook runbook(String front) {
        String page =
                "---\nid: sample\nkind: procedure\nsla: 10m\n"
                        + front
                        + "---\n\n"
                        + "| Step | Action | Expected | Within | On failure | Estimate |\n"
                        + "|---|---|---|---|---|---|\n"
                        + "| 1 | `wait 10ms` | | | abort | 1m |\n"
                        + "\nEscalation: page the lead with the evidence\n";
        return Catalog.parse(Path.of("sample.md"), page).get(0);
    }

    private Executor executor() {
        return new Executor(
                RunContext.builder()
                        .approvals(Approvals.nobody())
                        .pager(new RecordingPager())
                        .store(store)
                        .pollInterval(Duration.ofMillis(100))
                        .build());
    }
}

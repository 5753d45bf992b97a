package io.tensorwasm.ops.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tensorwasm.ops.engine.model.Action;
import io.tensorwasm.ops.engine.model.Mode;
import io.tensorwasm.ops.engine.model.ParameterException;
import io.tensorwasm.ops.engine.model.RunStatus;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.model.StepResult;
import io.tensorwasm.ops.engine.parse.Catalog;
import io.tensorwasm.ops.engine.parse.ParamText;
import io.tensorwasm.ops.engine.store.ExecutionRecord;
import io.tensorwasm.ops.engine.store.ExecutionStore;
import io.tensorwasm.ops.engine.store.Lineage;
import io.tensorwasm.ops.engine.target.CommandResult;
import io.tensorwasm.ops.engine.target.TargetAdapter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Resume and re-run, pinned versions, typed parameters and shadow runs (issue #19), through the
 * real executor against a counting HTTP endpoint; subclasses supply H2 or PostgreSQL.
 */
abstract class ContinuationsContract {

    /** Steps 1 and 2 are counted; step 3 reads step 1's id and fails until the endpoint heals. */
    static final String FIVE_STEPS =
            """
            ---
            id: five-steps
            kind: procedure
            ---

            # Five steps

            | Step | Action | Expected | Within | On failure | Estimate |
            |---|---|---|---|---|---|
            | 1 | `http GET {runtime}/one` | `status == 200` | | abort | 1m |
            | 2 | `http GET {runtime}/two` | `status == 200` | | abort | 1m |
            | 3 | `http GET {runtime}/three/{steps.1.body.id}` | `status == 200` | | abort | 1m |
            | 4 | `http GET {runtime}/four` | `status == 200` | | abort | 1m |
            | 5 | `http GET {runtime}/five` | `status == 200` | | abort | 1m |
            """;

    CountingEndpoint endpoint;
    ExecutionStore store;
    final RecordingPager pager = new RecordingPager();

    /** A fresh, empty store. */
    abstract ExecutionStore openStore();

    @BeforeEach
    void open() {
        endpoint = new CountingEndpoint();
        store = openStore();
    }

    @AfterEach
    void close() {
        store.close();
        endpoint.close();
    }

    @Test
    void resumesAtTheFailedStepWithoutCallingEarlierStepsAgainAndLinksToItsParent() {
        Runbook runbook = read("five-steps.md", FIVE_STEPS);
        ExecutionReport failed = executor().run(runbook, RunRequest.interactive("ana"));
        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(endpoint.calls("/one")).isEqualTo(1);
        assertThat(endpoint.calls("/two")).isEqualTo(1);
        endpoint.heal();

        Resumption.Prepared next =
                Resumption.prepare(
                        store,
                        new Resumption.Ask(
                                failed.executionId(),
                                OptionalInt.empty(),
                                "bo",
                                "the endpoint is back",
                                false),
                        id -> Optional.empty());
        ExecutionReport resumed = executor().run(next.runbook(), next.request());

        assertThat(resumed.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(resumed.steps()).extracting(StepResult::step).containsExactly(3, 4, 5);
        assertThat(endpoint.calls("/one")).as("step 1 is not called again").isEqualTo(1);
        assertThat(endpoint.calls("/two")).as("step 2 is not called again").isEqualTo(1);
        assertThat(endpoint.paths())
                .as("step 3 reads step 1's result through {steps.1.body.id}")
                .containsSubsequence("GET /three/abc-1", "GET /three/abc-1", "GET /four");
        Lineage child = store.lineage(resumed.executionId()).orElseThrow();
        assertThat(child.continuation()).isPresent();
        assertThat(child.continuation().get().parentId()).isEqualTo(failed.executionId());
        assertThat(child.continuation().get().fromStep()).isEqualTo(3);
        assertThat(child.continuation().get().by()).isEqualTo("bo");
        assertThat(child.continuation().get().reason()).isEqualTo("the endpoint is back");
        assertThat(child.continuation().get().versionWord()).isEqualTo("pinned");
        assertThat(store.lineage(failed.executionId()).orElseThrow().continuations())
                .containsExactly(resumed.executionId());
        ExecutionRecord record = store.find(resumed.executionId()).orElseThrow();
        assertThat(record.summary().trigger().toString()).isEqualTo("person:bo");
        assertThat(record.summary().mode()).isEqualTo(Mode.INTERACTIVE);
    }

    @Test
    void reRunsFromAChosenStepAndTheRunBeforeItKeepsItsResults() {
        endpoint.heal();
        Runbook runbook = read("five-steps.md", FIVE_STEPS);
        ExecutionReport first =
                executor(new ScriptedApprovals("ana").decide(4, Decision.abort("ana", "stop here")))
                        .run(runbook, RunRequest.interactive("ana"));
        assertThat(first.status()).isEqualTo(RunStatus.ABORTED);

        Resumption.Prepared again =
                Resumption.prepare(
                        store,
                        new Resumption.Ask(
                                first.executionId(), OptionalInt.of(2), "ana", "once more", false),
                        id -> Optional.empty());
        ExecutionReport rerun = executor().run(again.runbook(), again.request());

        assertThat(rerun.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(rerun.steps()).extracting(StepResult::step).containsExactly(2, 3, 4, 5);
        assertThat(endpoint.calls("/one")).isEqualTo(1);
        assertThat(endpoint.calls("/two")).isEqualTo(2);
        assertThat(endpoint.paths()).contains("GET /three/abc-1");
    }

    @Test
    void theEditedPageDoesNotRunUnlessChosenAndTheChoiceIsRecorded() {
        Runbook before = read("five-steps.md", FIVE_STEPS);
        Runbook edited =
                read("five-steps.md", FIVE_STEPS.replace("/three/{steps.1.body.id}", "/edited"));
        assertThat(edited.contentHash()).isNotEqualTo(before.contentHash());
        ExecutionReport failed = executor().run(before, RunRequest.interactive("ana"));
        endpoint.heal();

        Resumption.Prepared pinned =
                Resumption.prepare(
                        store,
                        new Resumption.Ask(
                                failed.executionId(), OptionalInt.empty(), "bo", "fixed", false),
                        id -> Optional.of(edited));
        assertThat(pinned.runbook().contentHash()).isEqualTo(before.contentHash());
        assertThat(pinned.runbook().text()).isEqualTo(before.text());
        executor().run(pinned.runbook(), pinned.request());
        assertThat(endpoint.calls("/edited")).as("the old text ran").isZero();
        assertThat(endpoint.paths()).contains("GET /three/abc-1");

        Resumption.Prepared current =
                Resumption.prepare(
                        store,
                        new Resumption.Ask(
                                failed.executionId(), OptionalInt.of(3), "bo", "new page", true),
                        id -> Optional.of(edited));
        ExecutionReport onCurrent = executor().run(current.runbook(), current.request());
        assertThat(endpoint.calls("/edited")).isEqualTo(1);
        assertThat(store.find(onCurrent.executionId()).orElseThrow().summary().contentHash())
                .isEqualTo(edited.contentHash());
        assertThat(store.lineage(onCurrent.executionId()).orElseThrow().continuation())
                .hasValueSatisfying(k -> assertThat(k.versionWord()).isEqualTo("current"));
        assertThat(store.runbookText(before.contentHash()).orElseThrow().text())
                .isEqualTo(before.text());
    }

    @Test
    void refusesToResumeWhatDidNotStopAndNeedsAReason() {
        endpoint.heal();
        Runbook runbook = read("five-steps.md", FIVE_STEPS);
        ExecutionReport ok = executor().run(runbook, RunRequest.interactive("ana"));

        assertThatThrownBy(
                        () ->
                                Resumption.prepare(
                                        store,
                                        new Resumption.Ask(
                                                ok.executionId(),
                                                OptionalInt.empty(),
                                                "bo",
                                                "why not",
                                                false),
                                        id -> Optional.empty()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(
                        "execution "
                                + ok.executionId()
                                + " is succeeded; only a failed, escalated, aborted, paused or"
                                + " interrupted execution can be resumed");
        assertThatThrownBy(
                        () ->
                                Resumption.prepare(
                                        store,
                                        new Resumption.Ask(
                                                999, OptionalInt.empty(), "bo", "x", false),
                                        id -> Optional.empty()))
                .hasMessage("no execution 999");
    }

    /** Typed parameters, one of which an alert label fills. */
    static final String PARAMS =
            """
            ---
            id: with-params
            kind: procedure
            params:
              instance: {type: string, from: labels.instance}
              replicas: {type: int, min: 1, max: 5, default: 2}
              pause: {type: duration, max: 1m, default: 10ms}
              speed: {type: enum, choices: [slow, fast], default: slow}
            ---

            # With params

            | Step | Action | Expected | Within | On failure | Estimate |
            |---|---|---|---|---|---|
            | 1 | `cli tensor-wasm observe {instance} --replicas {replicas}` | `exit_code == 0` | | abort | 1m |
            | 2 | `http GET {runtime}/{speed}/{replicas}` | `status == 200` | | abort | 1m |
            | 3 | `http GET {runtime}/three/{steps.1.exit_code}` | `status == 200` | | abort | 1m |
            """;

    @Test
    void aBadParameterIsRefusedBeforeStep1WithTheParameterTheValueAndTheRule() {
        Runbook runbook = read("with-params.md", PARAMS);

        assertThatThrownBy(
                        () ->
                                executor()
                                        .run(
                                                runbook,
                                                RunRequest.interactive("ana")
                                                        .withParams(
                                                                Map.of(
                                                                        "instance", "a",
                                                                        "replicas", "9"))))
                .isInstanceOf(ParameterException.class)
                .hasMessage("parameter replicas: \"9\" is refused; the rule is int from 1 to 5");
        assertThatThrownBy(() -> executor().run(runbook, RunRequest.interactive("ana")))
                .isInstanceOf(ParameterException.class)
                .hasMessage(
                        "parameter instance has no value and no default (the alert has no label"
                                + " instance); the rule is string");
        assertThat(store.recent(10)).as("nothing ran, nothing was recorded").isEmpty();
        assertThat(endpoint.paths()).isEmpty();
    }

    @Test
    void aLabelWithSpacesAndFlagsFillsOneWordAndIsReusedOnResume() {
        Runbook runbook = read("with-params.md", PARAMS);
        String label = "node 7 --delete-all --force";
        Map<String, String> fromAlert =
                ParamText.fromLabels(runbook.metadata(), Map.of("instance", label, "job", "x"));
        assertThat(fromAlert).containsExactly(Map.entry("instance", label));

        ExecutionReport failed =
                executor().run(runbook, RunRequest.interactive("ana").withParams(fromAlert));

        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        StepResult first = failed.steps().get(0);
        assertThat(first.output())
                .as("the tool got 4 arguments: observe, the label as one, --replicas, 2")
                .isEqualTo("exit 0: 4|observe|node 7 --delete-all --force|--replicas|2|");
        assertThat(endpoint.paths()).contains("GET /slow/2", "GET /three/0");
        assertThat(store.lineage(failed.executionId()).orElseThrow().params())
                .containsEntry("instance", label)
                .containsEntry("replicas", "2")
                .containsEntry("speed", "slow");

        endpoint.heal();
        Resumption.Prepared next =
                Resumption.prepare(
                        store,
                        new Resumption.Ask(
                                failed.executionId(), OptionalInt.of(2), "bo", "again", false),
                        id -> Optional.empty());
        assertThat(next.request().params()).containsEntry("instance", label);
        ExecutionReport resumed = executor().run(next.runbook(), next.request());
        assertThat(resumed.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(endpoint.paths())
                .containsSubsequence("GET /three/0", "GET /slow/2", "GET /three/0");
    }

    @Test
    void aDryRunShowsTheParametersFilledIn() {
        Runbook runbook = read("with-params.md", PARAMS);

        Plan plan = executor().plan(runbook, false, Map.of("instance", "web 1", "speed", "fast"));

        assertThat(plan.render())
                .contains("params: instance=web 1, pause=10ms, replicas=2, speed=fast")
                .contains("cli tensor-wasm observe \"web 1\" --replicas 2")
                .contains("http GET " + endpoint.url() + "/fast/2");
        assertThatThrownBy(
                        () ->
                                executor()
                                        .plan(
                                                runbook,
                                                false,
                                                Map.of("instance", "a", "speed", "warp")))
                .hasMessage("parameter speed: \"warp\" is refused; the rule is one of slow, fast");
    }

    static final String SHADOW =
            """
            ---
            id: shadowed
            kind: procedure
            automation: shadow
            targets: [runtime]
            ---

            # Shadowed

            | Step | Action | Expected | Within | On failure | Estimate |
            |---|---|---|---|---|---|
            | 1 | `http GET {runtime}/look` | `status == 200` | | escalate | 1m |
            | 2 | `http POST {runtime}/change {"drain":true}` | `status == 200` | | escalate | 1m |
            | 3 | `target restart` | `exit_code == 0` | | escalate | 1m |
            | 4 | `page sev-2 "restarted"` | | | escalate | 1m |
            | 5 | `confirm "Users happy?"` | | | escalate | 1m |
            | 6 | `http GET {runtime}/verify` | `status == 200` | | escalate | 1m |
            """;

    @Test
    void aShadowRunSkipsWhatChangesRecordsWhatItWouldDoAndRunsWhatReads() {
        Runbook runbook = read("shadowed.md", SHADOW);
        AtomicInteger restarts = new AtomicInteger();
        TargetAdapter target =
                new TargetAdapter() {
                    @Override
                    public CommandResult perform(Action.Operation operation, String argument) {
                        restarts.incrementAndGet();
                        return new CommandResult(0, "restarted");
                    }

                    @Override
                    public String describe() {
                        return "a counter";
                    }
                };

        ExecutionReport report =
                new Executor(
                                context(new ScriptedApprovals("nobody"))
                                        .target("runtime", target)
                                        .build())
                        .run(runbook, RunRequest.shadow("fp-1"));

        assertThat(report.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(report.mode()).isEqualTo(Mode.SHADOW);
        assertThat(endpoint.paths()).containsExactly("GET /look", "GET /verify");
        assertThat(restarts).hasValue(0);
        assertThat(pager.pages()).isEmpty();
        assertThat(report.steps())
                .extracting(StepResult::status)
                .containsExactly(
                        StepResult.Status.PASSED,
                        StepResult.Status.SKIPPED,
                        StepResult.Status.SKIPPED,
                        StepResult.Status.SKIPPED,
                        StepResult.Status.SKIPPED,
                        StepResult.Status.PASSED);
        assertThat(report.steps().get(1).note())
                .isEqualTo(
                        "shadow: would run: http POST "
                                + endpoint.url()
                                + "/change {\"drain\":true}");
        assertThat(report.steps().get(3).note())
                .isEqualTo("shadow: would run: page sev-2 \"restarted\"");
        assertThat(report.steps().get(4).note())
                .isEqualTo("shadow: would ask a person at: confirm \"Users happy?\"");
        assertThat(store.find(report.executionId()).orElseThrow().summary().mode())
                .isEqualTo(Mode.SHADOW);
    }

    @Test
    void aShadowRunWhoseReadFailsPagesNobodyAndEndsEscalated() {
        Runbook runbook =
                read(
                        "shadowed.md",
                        SHADOW.replace("/look` | `status == 200`", "/look` | `status == 201`"));

        ExecutionReport report = executor().run(runbook, RunRequest.shadow("fp-2"));

        assertThat(report.status()).isEqualTo(RunStatus.ESCALATED);
        assertThat(report.summary()).endsWith("; shadow: would page sev-2");
        assertThat(pager.pages()).isEmpty();
    }

    @Test
    void theKillSwitchKeepsItsHistory() {
        Instant t0 = Instant.parse("2026-11-25T10:00:00Z");
        store.engageKillSwitch("ana", "runaway restarts", t0);
        store.releaseKillSwitch("bo", t0.plusSeconds(60));

        assertThat(store.killSwitchChanges(t0.minusSeconds(1), t0.plusSeconds(61)))
                .extracting(c -> c.engaged() + " " + c.by() + " " + c.reason())
                .containsExactly("true ana runaway restarts", "false bo ");
    }

    Executor executor() {
        return executor(new ScriptedApprovals("ana"));
    }

    Executor executor(ScriptedApprovals approvals) {
        return new Executor(context(approvals).build());
    }

    RunContext.Builder context(ScriptedApprovals approvals) {
        return RunContext.builder()
                .store(store)
                .approvals(approvals)
                .pager(pager)
                .variable("runtime", endpoint.url())
                .cliTool(
                        "tensor-wasm",
                        List.of("sh", "-c", "printf '%s|' \"$#\" \"$@\"; echo", "tensor-wasm"));
    }

    static Runbook read(String file, String text) {
        return Catalog.parse(Path.of(file), text).get(0);
    }
}

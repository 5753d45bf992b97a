package io.tensorwasm.ops.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tensorwasm.ops.engine.LoopbackRuntime;
import io.tensorwasm.ops.engine.check.Evaluation;
import io.tensorwasm.ops.engine.model.GuardrailException;
import io.tensorwasm.ops.engine.model.Mode;
import io.tensorwasm.ops.engine.model.RunStatus;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.model.Step;
import io.tensorwasm.ops.engine.model.StepResult;
import io.tensorwasm.ops.engine.parse.Catalog;
import io.tensorwasm.ops.engine.parse.LintReport;
import io.tensorwasm.ops.engine.store.ExecutionRecord;
import io.tensorwasm.ops.engine.store.ExecutionStore;
import io.tensorwasm.ops.engine.store.JdbcExecutionStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutorIT {

    @TempDir Path dir;

    private LoopbackRuntime runtime;
    private ExecutionStore store;
    private final RecordingPager pager = new RecordingPager();
    private final Heard heard = new Heard();

    @BeforeEach
    void start() {
        runtime = LoopbackRuntime.start();
        store = JdbcExecutionStore.open("jdbc:h2:file:" + dir.resolve("engine"), "", "");
    }

    @AfterEach
    void stop() {
        store.close();
        runtime.close();
    }

    @Test
    void withinCheckThatBecomesTruePassesAndIsRecordedWithItsApprover() throws Exception {
        runtime.health("{\"status\":\"starting\"}");
        Runbook runbook =
                runbook(
                        "| 1 | `http GET {runtime}/healthz` | `body.status == \"ready\"` | 5s | abort | 1m |");
        long[] flippedAt = new long[1];
        Thread flip =
                new Thread(
                        () -> {
                            sleep(700);
                            flippedAt[0] = System.nanoTime();
                            runtime.health("{\"status\":\"ready\"}");
                        });
        flip.start();

        ExecutionReport report =
                executor(new ScriptedApprovals("alice"))
                        .run(runbook, RunRequest.interactive("alice"));
        long passedAt = System.nanoTime();
        flip.join();

        assertThat(report.status()).isEqualTo(RunStatus.SUCCEEDED);
        StepResult step = report.steps().get(0);
        assertThat(step.check().polls()).isGreaterThan(1);
        assertThat(step.check().observed()).isEqualTo("body.status=\"ready\"");
        assertThat(heard.polls).first().isEqualTo("1: FALSE body.status=\"starting\"");
        System.out.printf(
                "poll latency: check passed %d ms after the health flipped (poll interval 100 ms)%n",
                (passedAt - flippedAt[0]) / 1_000_000);
        ExecutionRecord record = store.find(report.executionId()).orElseThrow();
        assertThat(record.summary().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(record.summary().mode()).isEqualTo(Mode.INTERACTIVE);
        assertThat(record.steps()).extracting(StepResult::approver).containsExactly("alice");
    }

    @Test
    void withinCheckThatNeverHoldsFailsAtItsDeadlineAndEscalatesWithEvidence() {
        runtime.health("{\"status\":\"starting\"}");
        Runbook runbook =
                runbook(
                        "| 1 | `http GET {runtime}/work` | `status == 200` | | abort | 1m |",
                        "| 2 | `check` | `health.status == \"ready\"` | 1s | escalate | 1m |");

        ExecutionReport report =
                executor(new ScriptedApprovals("alice"))
                        .run(runbook, RunRequest.interactive("alice"));

        assertThat(report.status()).isEqualTo(RunStatus.ESCALATED);
        StepResult failed = report.steps().get(1);
        assertThat(failed.status()).isEqualTo(StepResult.Status.FAILED);
        assertThat(failed.check().elapsed())
                .isBetween(Duration.ofMillis(1000), Duration.ofMillis(2500));
        assertThat(failed.check().observed()).isEqualTo("health.status=\"starting\"");
        assertThat(pager.pages()).hasSize(1);
        Escalation page = pager.pages().get(0);
        assertThat(page.severity()).isEqualTo("sev-2");
        assertThat(page.message())
                .isEqualTo(
                        "step 2 failed: health.status == \"ready\" within 1s; observed health.status=\"starting\"; page the lead with the evidence");
        assertThat(page.evidence())
                .containsExactly(
                        "step 1 http GET {runtime}/work: passed (observed status=200)",
                        "step 2 check: failed (observed health.status=\"starting\")");
        assertThat(report.steps().get(0).output())
                .contains("\"token\":\"[redacted]\"")
                .doesNotContain("s3cr3t");
    }

    @Test
    void retriesThenGoesToTheNamedStep() {
        Runbook runbook =
                runbook(
                        "| 1 | `wait 10ms` | | | abort | 1m |",
                        "| 2 | `http GET {runtime}/work` | `status == 201` | | retry 2 then goto 4 | 1m |",
                        "| 3 | `page sev-1 \"never reached\"` | | | abort | 1m |",
                        "| 4 | `http GET {runtime}/healthz` | `status == 200` | | abort | 1m |");

        ExecutionReport report =
                executor(new ScriptedApprovals("bob")).run(runbook, RunRequest.interactive("bob"));

        assertThat(report.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(report.steps()).extracting(StepResult::step).containsExactly(1, 2, 4);
        assertThat(report.steps().get(1).attempts()).isEqualTo(3);
        assertThat(report.steps().get(1).duration())
                .as("two retries, each one poll interval after the last attempt")
                .isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(report.steps().get(1).note()).isEqualTo("failed after 3 attempts");
        assertThat(heard.started).containsExactly("1#1", "2#1", "2#2", "2#3", "4#1");
        assertThat(pager.pages()).isEmpty();
    }

    @Test
    void personSkipsAStepWithAReasonThenAborts() {
        Runbook runbook =
                runbook(
                        "| 1 | `wait 10ms` | | | abort | 1m |",
                        "| 2 | `wait 10ms` | | | abort | 1m |",
                        "| 3 | `wait 10ms` | | | abort | 1m |");
        ScriptedApprovals person =
                new ScriptedApprovals("carol")
                        .decide(1, Decision.skip("carol", "already drained"))
                        .decide(2, Decision.abort("carol", "wrong runbook"));

        ExecutionReport report = executor(person).run(runbook, RunRequest.interactive("carol"));

        assertThat(report.status()).isEqualTo(RunStatus.ABORTED);
        assertThat(report.summary()).isEqualTo("aborted by carol at step 2: wrong runbook");
        assertThat(report.steps())
                .extracting(StepResult::status)
                .containsExactly(StepResult.Status.SKIPPED, StepResult.Status.ABORTED);
        assertThat(store.find(report.executionId()).orElseThrow().steps().get(0).note())
                .isEqualTo("skipped by carol: already drained");
    }

    @Test
    void automaticRunPausesAtAStepThatNeedsAPersonAndPages() {
        Runbook runbook =
                runbookWith(
                        AUTO,
                        "| 1 | `http GET {runtime}/healthz` | `body.status == \"ready\"` | 5s | escalate | 1m |",
                        "| 2 | `confirm \"Traffic drained?\"` | | | abort | 1m |");

        ExecutionReport report =
                executor(Approvals.nobody()).run(runbook, RunRequest.automatic("fp-1"));

        assertThat(report.status()).isEqualTo(RunStatus.PAUSED);
        assertThat(report.steps())
                .extracting(StepResult::status)
                .containsExactly(StepResult.Status.PASSED, StepResult.Status.PAUSED);
        assertThat(pager.pages())
                .extracting(Escalation::message)
                .containsExactly(
                        "step 2 (confirm \"Traffic drained?\") needs a person; resume with an interactive run from step 2; page the lead with the evidence");
        assertThat(store.find(report.executionId()).orElseThrow().summary().trigger().value())
                .isEqualTo("fp-1");
    }

    @Test
    void automaticRunIsRefusedUnlessTheRunbookSaysAuto() {
        Runbook runbook = runbook("| 1 | `wait 10ms` | | | abort | 1m |");

        assertThatThrownBy(
                        () ->
                                executor(Approvals.nobody())
                                        .run(runbook, RunRequest.automatic("fp-2")))
                .isInstanceOf(GuardrailException.class)
                .hasMessage(
                        "sample: automation is \"off\"; only runbooks with automation: auto run automatically");
        assertThat(store.recent(10)).isEmpty();
    }

    @Test
    void automaticRunsStopAtTheHourlyLimitAndTheKillSwitch() {
        Runbook runbook =
                runbookWith(
                        "automation: auto\nguardrails:\n  max_runs_per_hour: 1\n  cooldown: 0s\n",
                        "| 1 | `wait 10ms` | | | abort | 1m |");
        Executor executor = executor(Approvals.nobody());

        assertThat(executor.run(runbook, RunRequest.automatic("fp-3")).status())
                .isEqualTo(RunStatus.SUCCEEDED);
        assertThatThrownBy(() -> executor.run(runbook, RunRequest.automatic("fp-3")))
                .hasMessage(
                        "sample: 1 automatic runs in the last hour, the most its guardrails allow");
        store.engageKillSwitch("dave", "drill", java.time.Instant.now());
        assertThatThrownBy(() -> executor.run(runbook, RunRequest.automatic("fp-4")))
                .hasMessage(
                        "sample: the kill switch is engaged by dave (drill); automatic runs are off");
    }

    @Test
    void dryRunPlansWithoutSideEffectsAndProbesReadOnlySteps() {
        Runbook runbook =
                runbook(
                        "| 1 | `http GET {runtime}/healthz` | `body.status == \"ready\"` | 30s | abort | 1m |",
                        "| 2 | `http POST {runtime}/work {}` | `status == 200` | | abort | 2m |",
                        "| 3 | `check` | `metric(\"tensor_wasm_jobs_in_flight\") == 3` | | abort | 1m |",
                        "| 4 | `confirm \"Dashboards are green\"` | | | abort | 1m |");

        Plan plan = executor(Approvals.nobody()).plan(runbook, true);

        assertThat(plan.render())
                .isEqualTo(
                        """
                plan for sample (sample): 4 steps, 5m within its SLA of 10m; checks: 3 machine, 0 manual; 1 step needs a person
                   1  1m     http GET RUNTIME/healthz  -> body.status == "ready" within 30s [machine]
                        probe: holds: body.status="ready"
                   2  2m     http POST RUNTIME/work {}  -> status == 200 [machine]
                   3  1m     check  -> metric("tensor_wasm_jobs_in_flight") == 3 [machine]
                        probe: holds: metric("tensor_wasm_jobs_in_flight")=3.0
                   4  1m     confirm "Dashboards are green" [needs a person]
                """
                                .replace("RUNTIME", runtime.url()));
        assertThat(runtime.metricsFor("/work")).isZero();
        assertThat(store.recent(10)).isEmpty();
    }

    @Test
    void decideTreeLeadsIntoAnotherRunbook() {
        LintReport catalog = Catalog.lint(Path.of("src/test/resources/runbooks/good"));
        ScriptedApprovals person =
                new ScriptedApprovals("erin")
                        .choose("Is the host reachable over SSH or kubectl exec?", "yes")
                        .choose("Does the data directory list its snapshots and audit log?", "no");
        Executor executor = new Executor(context(person).catalog(catalog::runbook).build());

        ExecutionReport report =
                executor.run(
                        catalog.runbook("dr-triage").orElseThrow(), RunRequest.interactive("erin"));

        assertThat(report.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(report.summary())
                .matches("continued in runbook dr-lost-storage \\(execution \\d+, succeeded\\)");
        assertThat(report.steps())
                .extracting(StepResult::note)
                .containsExactly("answer: yes", "answer: no");
        assertThat(store.recent(10))
                .extracting(s -> s.runbookId())
                .containsExactly("dr-lost-storage", "dr-triage");
        assertThat(person.asked()).contains("confirm 1: The storage is restored from its backup");
    }

    @Test
    void decideWithACheckAnswersByItself() {
        Runbook runbook =
                runbookWith(
                        AUTO,
                        "| 1 | `decide \"Is the runtime healthy?\" yes -> end, no -> step 2` | `health.status == \"ready\"` | | abort | 1m |",
                        "| 2 | `page sev-1 \"runtime unhealthy\"` | | | abort | 1m |");

        ExecutionReport report =
                executor(Approvals.nobody()).run(runbook, RunRequest.automatic("fp-5"));

        assertThat(report.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(report.summary()).isEqualTo("ended at step 1: answer yes");
        assertThat(report.steps().get(0).check().observed())
                .isEqualTo("health.status=\"ready\" -> yes");
    }

    @Test
    void cliStepRunsTheConfiguredToolAndReadsItsJson() {
        Runbook runbook =
                runbook(
                        "| 1 | `cli tensor-wasm observe --once --json` | `exit_code == 0 and body.status == \"ok\"` | | abort | 1m |");
        RunContext context =
                context(new ScriptedApprovals("frank"))
                        .cliTool(
                                "tensor-wasm",
                                List.of(
                                        "sh",
                                        "-c",
                                        "echo '{\"status\":\"ok\",\"args\":\"'\"$*\"'\"}'",
                                        "tensor-wasm"))
                        .build();

        ExecutionReport report =
                new Executor(context).run(runbook, RunRequest.interactive("frank"));

        assertThat(report.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(report.steps().get(0).output())
                .isEqualTo("exit 0: {\"status\":\"ok\",\"args\":\"observe --once --json\"}");
    }

    @Test
    void shellStepOutsideTheAllowlistFailsWithoutRunning() {
        Runbook runbook = runbook("| 1 | `shell rm -rf /tmp/nothing-here` | | | abort | 1m |");

        ExecutionReport report =
                executor(new ScriptedApprovals("gina"))
                        .run(runbook, RunRequest.interactive("gina"));

        assertThat(report.status()).isEqualTo(RunStatus.FAILED);
        assertThat(report.summary())
                .startsWith(
                        "step 1 failed: shell \"rm\" is not on the allowlist (the defaults: cat, df,"
                                + " du, free, grep, head, journalctl, ls, nvidia-smi, pgrep, ps,"
                                + " readlink, tail, uptime)");
    }

    @Test
    void aRehearsalsPaceShortensWaitsButNotTheTimeAChecksGets() {
        Runbook runbook =
                runbookWith(
                        AUTO + "sla: 20m\n",
                        "| 1 | `wait 15m` | | | abort | 15m |",
                        "| 2 | `wait 2s` | | | abort | 2s |");

        ExecutionReport report =
                new Executor(context(Approvals.nobody()).pace(0.0001).build())
                        .run(runbook, RunRequest.automatic("fp-pace"));

        assertThat(report.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(report.steps())
                .extracting(StepResult::output)
                .containsExactly("waited 90 ms", "waited 0 ms");
        assertThatThrownBy(() -> RunContext.builder().pace(0))
                .hasMessage("0.0: a pace is a share above 0, at most 1");
    }

    @Test
    void runPastItsSlaSaysSo() {
        Runbook runbook =
                runbookWith(AUTO + "sla: 200ms\n", "| 1 | `wait 400ms` | | | abort | 100ms |");

        ExecutionReport report =
                executor(Approvals.nobody()).run(runbook, RunRequest.automatic("fp-6"));

        assertThat(report.pastSla()).isTrue();
        assertThat(report.render()).contains("PAST its SLA of 200ms");
        assertThat(store.find(report.executionId()).orElseThrow().summary().summary())
                .isEqualTo("every step done (past its SLA)");
    }

    @Test
    void laterStepUsesTheResultOfAnEarlierStep() {
        Runbook runbook =
                runbook(
                        "| 1 | `http POST {runtime}/items {}` | `status == 201` | | abort | 1m |",
                        "| 2 | `http DELETE {runtime}/items/{steps.1.body.id}` | `status == 204` | | abort | 1m |");

        ExecutionReport report =
                executor(new ScriptedApprovals("hana"))
                        .run(runbook, RunRequest.interactive("hana"));

        assertThat(report.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(runtime.deleted()).containsExactly("/items/it-1");
        assertThat(report.steps().get(1).output())
                .isEqualTo("DELETE " + runtime.url() + "/items/it-1 -> 204 ");
    }

    @Test
    void stepResultThatIsMissingFailsTheStepAndSaysWhy() {
        Runbook runbook =
                runbook(
                        "| 1 | `http POST {runtime}/items {}` | `status == 201` | | abort | 1m |",
                        "| 2 | `http DELETE {runtime}/items/{steps.1.body.name}` | `status == 204` | | abort | 1m |");

        ExecutionReport report =
                executor(new ScriptedApprovals("hana"))
                        .run(runbook, RunRequest.interactive("hana"));

        assertThat(report.status()).isEqualTo(RunStatus.FAILED);
        assertThat(report.steps().get(1).check().observed())
                .isEqualTo(
                        "{steps.1.body.name} has no value: the result of step 1 has no \"body.name\"");
        assertThat(runtime.deleted()).isEmpty();
    }

    @Test
    void decideAnswersFromTheResultOfAnEarlierStep() {
        Runbook runbook =
                runbookWith(
                        AUTO,
                        "| 1 | `http GET {runtime}/fail` | `status == 200 or status == 500` | | abort | 1m |",
                        "| 2 | `decide \"Does the runtime serve?\" yes -> end, no -> step 3` | `steps[1].status == 200` | | abort | 1m |",
                        "| 3 | `wait 10ms` | | | abort | 1m |");

        ExecutionReport report =
                executor(Approvals.nobody()).run(runbook, RunRequest.automatic("fp-8"));

        assertThat(report.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(report.steps()).extracting(StepResult::step).containsExactly(1, 2, 3);
        assertThat(report.steps().get(1).note()).isEqualTo("answer: no");
    }

    @Test
    void failedStepHandsOverToTheRunbookItNamesAndTheRecordSaysSo() throws IOException {
        LintReport catalog = catalogWith(handOverPage(""));
        Executor executor =
                new Executor(
                        context(new ScriptedApprovals("ivan")).catalog(catalog::runbook).build());

        ExecutionReport report =
                executor.run(
                        catalog.runbook("hand-over").orElseThrow(), RunRequest.interactive("ivan"));

        assertThat(catalog.problems()).isEmpty();
        assertThat(report.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(report.summary())
                .matches(
                        "step 1 failed: status == 201; observed status=200; handed over to runbook dr-lost-storage \\(execution \\d+, succeeded\\)");
        assertThat(report.steps()).extracting(StepResult::step).containsExactly(1);
        assertThat(report.steps().get(0).note())
                .isEqualTo("failed after 1 attempt; hands over to runbook dr-lost-storage");
        assertThat(store.recent(10))
                .extracting(s -> s.runbookId())
                .containsExactly("dr-lost-storage", "hand-over");
        assertThat(store.find(report.executionId()).orElseThrow().summary().summary())
                .startsWith("step 1 failed: status == 201; observed status=200; handed over to");
    }

    @Test
    void automaticRunPagesWhenItsHandOverMayNotRunAutomatically() throws IOException {
        LintReport catalog = catalogWith(handOverPage(AUTO));
        Executor executor =
                new Executor(context(Approvals.nobody()).catalog(catalog::runbook).build());

        ExecutionReport report =
                executor.run(
                        catalog.runbook("hand-over").orElseThrow(), RunRequest.automatic("fp-7"));

        assertThat(report.status()).isEqualTo(RunStatus.ESCALATED);
        assertThat(pager.pages())
                .extracting(Escalation::message)
                .containsExactly(
                        "step 1 failed: status == 201; observed status=200; cannot continue in runbook dr-lost-storage: dr-lost-storage: automation is \"off\"; only runbooks with automation: auto run automatically; page the lead with the evidence");
        assertThat(store.recent(10)).extracting(s -> s.runbookId()).containsExactly("hand-over");
    }

    @Test
    void runtimeTokenGoesOnlyToTheRuntimeAndIsNeverRecorded() {
        ExecutionReport report;
        try (LoopbackRuntime other = LoopbackRuntime.start()) {
            Runbook runbook =
                    runbook(
                            "| 1 | `http GET {runtime}/whoami` | `body.token != \"\"` | | abort | 1m |",
                            "| 2 | `http GET "
                                    + other.url()
                                    + "/whoami` | `body.token == \"\"` | | abort | 1m |");
            RunContext context =
                    context(new ScriptedApprovals("judy")).runtimeToken("tok-3f9a7c1e").build();

            report = new Executor(context).run(runbook, RunRequest.interactive("judy"));
        }

        assertThat(report.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(report.steps().get(0).output())
                .isEqualTo("GET " + runtime.url() + "/whoami -> 200 {\"token\":\"[redacted]\"}");
        assertThat(report.render()).doesNotContain("tok-3f9a7c1e");
        assertThat(store.find(report.executionId()).orElseThrow().toString())
                .doesNotContain("tok-3f9a7c1e");
    }

    @Test
    void theTokenLeavesARunByNoWayOutNorDoesAConsoleToken() {
        String console = "twc_01a7UXCj37jS_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-abcdefgh";
        runtime.health("{\"status\":\"" + console + "\"}");
        Runbook runbook =
                runbook(
                        "| 1 | `http GET {runtime}/whoami` | `body.token == \"\" and health.status == \"ready\"` | 300ms | continue | 1m |",
                        "| 2 | `confirm \"Is {steps.1.body.token} the token?\"` | | | continue | 1m |",
                        "| 3 | `page sev-3 \"saw {steps.1.body.token}\"` | | | continue | 1m |",
                        "| 4 | `http GET {runtime}/healthz/{steps.1.body}` | | | continue | 1m |",
                        "| 5 | `check` | `steps[1].status == 0` | | escalate | 1m |");
        ScriptedApprovals person = new ScriptedApprovals("lou").confirm(2, false);
        RunContext context = context(person).runtimeToken("tok-51d0e2a7b9c4").build();

        ExecutionReport report = new Executor(context).run(runbook, RunRequest.interactive("lou"));

        String everything =
                String.join("\n", heard.polls)
                        + String.join("\n", person.asked())
                        + pager.pages().stream().map(Escalation::text).toList()
                        + report.render()
                        + store.find(report.executionId()).orElseThrow();
        assertThat(heard.polls).as("polls heard").hasSizeGreaterThan(1);
        assertThat(person.asked()).contains("confirm 2: Is [redacted] the token?");
        assertThat(pager.pages()).extracting(Escalation::message).contains("saw [redacted]");
        assertThat(everything).doesNotContain("tok-51d0e2a7b9c4").doesNotContain(console);
    }

    @Test
    void aTokenThatAClipCutsInTwoIsStillCutOut() {
        String token = "tok-7c3e9a1f5b2d8e64";
        runtime.health("{\"status\":\"" + "x".repeat(272) + token + "\"}");
        Runbook runbook =
                runbook("| 1 | `check` | `health.status == \"ready\"` | | continue | 1m |");

        ExecutionReport report =
                new Executor(context(new ScriptedApprovals("mo")).runtimeToken(token).build())
                        .run(runbook, RunRequest.interactive("mo"));

        assertThat(report.steps().get(0).check().observed())
                .startsWith("health.status=\"xxx")
                .doesNotContain(token.substring(0, 6));
    }

    @Test
    void pageAndConfirmTakeTheirWordsFromVarsAndAnEmptyVarMustBeGiven() {
        Runbook runbook =
                runbookWith(
                        "vars:\n  severity: sev-3\n  version: \"\"\n",
                        "| 1 | `page {severity} \"tensor-wasm {version} misbehaves\"` | | | continue | 1m |",
                        "| 2 | `confirm \"Release {version} is unpacked\"` | | | abort | 1m |");
        ScriptedApprovals person = new ScriptedApprovals("kim");

        ExecutionReport missing = executor(person).run(runbook, RunRequest.interactive("kim"));
        ExecutionReport given =
                new Executor(context(person).variable("version", "v0.2.0").build())
                        .run(runbook, RunRequest.interactive("kim"));

        assertThat(missing.status()).isEqualTo(RunStatus.FAILED);
        assertThat(missing.steps().get(0).check().observed())
                .isEqualTo("{version} has no value in this run; set it with --var version=...");
        assertThat(given.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(pager.pages())
                .extracting(Escalation::text)
                .containsExactly("sev-3 sample: tensor-wasm v0.2.0 misbehaves");
        assertThat(person.asked()).contains("confirm 2: Release v0.2.0 is unpacked");
    }

    /** The good fixtures and one more page, linted as one catalogue. */
    private LintReport catalogWith(String page) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("catalog"));
        try (Stream<Path> good = Files.list(Path.of("src/test/resources/runbooks/good"))) {
            for (Path file : good.toList()) {
                Files.copy(file, folder.resolve(file.getFileName().toString()));
            }
        }
        Files.writeString(folder.resolve("hand-over.md"), page);
        return Catalog.lint(folder);
    }

    /** A page whose only step fails and hands over to dr-lost-storage of the good fixtures. */
    private static String handOverPage(String front) {
        return "---\nid: hand-over\nkind: procedure\n"
                + front
                + "---\n\n"
                + "| Step | Action | Expected | Within | On failure | Estimate |\n|---|---|---|---|---|---|\n"
                + "| 1 | `http GET {runtime}/healthz` | `status == 201` | | runbook dr-lost-storage | 1m |\n"
                + "\nEscalation: page the lead with the evidence\n";
    }

    private static final String AUTO =
            "automation: auto\nguardrails:\n  max_runs_per_hour: 5\n  cooldown: 0s\n";

    private Runbook runbook(String... rows) {
        return runbookWith("", rows);
    }

    private Runbook runbookWith(String front, String... rows) {
        String sla = front.contains("sla:") ? "" : "sla: 10m\n";
        String page =
                "---\nid: sample\nkind: procedure\n"
                        + sla
                        + front
                        + "---\n\n"
                        + "| Step | Action | Expected | Within | On failure | Estimate |\n|---|---|---|---|---|---|\n"
                        + String.join("\n", rows)
                        + "\n\nEscalation: page the lead with the evidence\n";
        return Catalog.parse(Path.of("sample.md"), page).get(0);
    }

    private Executor executor(Approvals approvals) {
        return new Executor(context(approvals).build());
    }

    private RunContext.Builder context(Approvals approvals) {
        return RunContext.builder()
                .variable("runtime", runtime.url())
                .approvals(approvals)
                .pager(pager)
                .listener(heard)
                .store(store)
                .pollInterval(Duration.ofMillis(100));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Keeps what the listener heard. */
    private static final class Heard implements ExecutionListener {
        final List<String> started = new CopyOnWriteArrayList<>();
        final List<String> polls = new CopyOnWriteArrayList<>();

        @Override
        public void stepStarted(Runbook runbook, Step step, int attempt) {
            started.add(step.number() + "#" + attempt);
        }

        @Override
        public void checkPolled(Runbook runbook, Step step, int poll, Evaluation evaluation) {
            polls.add(poll + ": " + evaluation.verdict() + " " + evaluation.observed());
        }
    }
}

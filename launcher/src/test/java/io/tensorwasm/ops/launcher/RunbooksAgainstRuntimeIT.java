package io.tensorwasm.ops.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.engine.exec.Escalation;
import io.tensorwasm.ops.engine.exec.ExecutionReport;
import io.tensorwasm.ops.engine.exec.Executor;
import io.tensorwasm.ops.engine.exec.RecordingPager;
import io.tensorwasm.ops.engine.exec.RunContext;
import io.tensorwasm.ops.engine.exec.RunRequest;
import io.tensorwasm.ops.engine.exec.ScriptedApprovals;
import io.tensorwasm.ops.engine.model.Action;
import io.tensorwasm.ops.engine.model.RunStatus;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.model.StepResult;
import io.tensorwasm.ops.engine.parse.Catalog;
import io.tensorwasm.ops.engine.parse.LintReport;
import io.tensorwasm.ops.engine.store.ExecutionStore;
import io.tensorwasm.ops.engine.store.JdbcExecutionStore;
import io.tensorwasm.ops.engine.target.CommandResult;
import io.tensorwasm.ops.engine.target.LocalProcessTarget;
import io.tensorwasm.ops.launcher.runbook.RunbookCommand;
import io.tensorwasm.ops.testkit.FreePort;
import io.tensorwasm.ops.testkit.HarnessClient;
import io.tensorwasm.ops.testkit.PrometheusServer;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue #5's acceptance against the real runtime on a free port: a runbook runs in each mode, a
 * {@code within} check that becomes true passes, one that never does fails at its deadline and
 * triggers its On failure, {@code target restart} restarts a real local runtime process; and the
 * real disaster-recovery page's verification runs against the runtime.
 */
class RunbooksAgainstRuntimeIT {

    private static final LintReport CATALOGUE =
            Catalog.lintResources("runbooks", RunbooksAgainstRuntimeIT.class.getClassLoader());

    @TempDir Path dir;

    private LiveRuntime runtime;
    private ExecutionStore store;
    private final RecordingPager pager = new RecordingPager();

    @BeforeEach
    void start() {
        runtime = LiveRuntime.start(dir);
        store = JdbcExecutionStore.open("jdbc:h2:file:" + dir.resolve("engine"), "", "");
    }

    @AfterEach
    void stop() {
        store.close();
        runtime.close();
    }

    @Test
    void interactiveRunPassesAWithinCheckThatBecomesTrue() throws Exception {
        String endless = runtime.deploy("spinner", "endless");
        Runbook runbook =
                page(
                        "vars:\n  function: \"\"\n",
                        "| 1 | `http POST {runtime}/functions/{function}/invoke-async {\"export\":\"run\",\"timeout_ms\":1500}` | `status == 202` | | abort | 10s |",
                        "| 2 | `check` | `metric(\"tensor_wasm_jobs_in_flight\") == 0` | 10s | escalate | 10s |",
                        "| 3 | `http GET {runtime}/jobs/{steps.1.body.job_id}` | `status == 200 and body.status == \"failed\" and body.error.code == \"deadline_exceeded\"` | | abort | 10s |");
        RunContext context = context().variable("function", endless).build();

        ExecutionReport report =
                new Executor(context).run(runbook, RunRequest.interactive("alice"));

        assertThat(report.status()).as(report.render()).isEqualTo(RunStatus.SUCCEEDED);
        StepResult drained = report.steps().get(1);
        assertThat(drained.check().polls()).isGreaterThan(1);
        assertThat(drained.check().elapsed())
                .isBetween(Duration.ofMillis(500), Duration.ofSeconds(10));
        assertThat(drained.check().observed())
                .isEqualTo("metric(\"tensor_wasm_jobs_in_flight\")=0.0");
        assertThat(store.find(report.executionId()).orElseThrow().steps())
                .extracting(StepResult::approver)
                .containsOnly("alice");
    }

    @Test
    void automaticRunFailsAWithinCheckThatNeverHoldsAtItsDeadlineAndEscalates() {
        Runbook runbook =
                page(
                        "automation: auto\n",
                        "| 1 | `http GET {runtime}/functions` | `status == 200` | | abort | 10s |",
                        "| 2 | `check` | `metric(\"tensor_wasm_jobs_in_flight\") > 100` | 2s | escalate | 10s |",
                        "| 3 | `http GET {runtime}/healthz` | `status == 200` | | abort | 10s |");

        ExecutionReport report =
                new Executor(context().build()).run(runbook, RunRequest.automatic("fp-acceptance"));

        assertThat(report.status()).isEqualTo(RunStatus.ESCALATED);
        assertThat(report.steps()).extracting(StepResult::step).containsExactly(1, 2);
        assertThat(report.steps().get(1).check().elapsed())
                .isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(pager.pages())
                .extracting(Escalation::message)
                .containsExactly(
                        "step 2 failed: metric(\"tensor_wasm_jobs_in_flight\") > 100 within 2s; observed metric(\"tensor_wasm_jobs_in_flight\")=0.0; page the on-call");
        assertThat(pager.pages().get(0).evidence())
                .containsExactly(
                        "step 1 http GET {runtime}/functions: passed (observed status=200)",
                        "step 2 check: failed (observed metric(\"tensor_wasm_jobs_in_flight\")=0.0)");
    }

    @Test
    void targetRestartRestartsTheLocalRuntimeProcess() throws Exception {
        int port = FreePort.next();
        String token = "adm-restart";
        LocalProcessTarget local =
                RuntimeProcess.target("127.0.0.1", port, dir.resolve("local"), token);
        try {
            CommandResult started = local.perform(Action.Operation.START);
            assertThat(started.exitCode()).as(started.output()).isZero();
            long before = local.running().orElseThrow().pid();
            Runbook runbook =
                    page(
                            "automation: auto\n",
                            "| 1 | `target restart` | `exit_code == 0` | | escalate | 1m |",
                            "| 2 | `http GET {runtime}/healthz` | `status == 200 and body.status == \"ok\"` | 30s | escalate | 30s |",
                            "| 3 | `http GET {runtime}/functions` | `status == 200` | | escalate | 10s |");
            RunContext context =
                    context()
                            .variable("runtime", "http://127.0.0.1:" + port)
                            .runtimeToken(token)
                            .target("runtime", local)
                            .build();

            ExecutionReport report =
                    new Executor(context).run(runbook, RunRequest.automatic("fp-restart"));

            assertThat(report.status()).as(report.render()).isEqualTo(RunStatus.SUCCEEDED);
            long after = local.running().orElseThrow().pid();
            assertThat(after).isNotEqualTo(before);
            assertThat(ProcessHandle.of(before).filter(ProcessHandle::isAlive)).isEmpty();
            assertThat(report.steps().get(0).output()).contains("started pid " + after);
            assertThat(HarnessClient.of(port).get("/healthz").body())
                    .isEqualTo("{\"status\":\"ok\"}");
        } finally {
            local.perform(Action.Operation.STOP);
        }
    }

    @Test
    void dryRunWithAProbeReadsLiveValuesWithTheRuntimeTokenAndChangesNothing() throws Exception {
        Path tokenFile = Files.writeString(dir.resolve("runtime-admin-token"), runtime.token());
        String functionsBefore = runtime.admin().get("/functions").body();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int status =
                twops(
                        "",
                        out,
                        err,
                        "plan",
                        "disaster-recovery",
                        "--probe",
                        "--runtime-token-file",
                        tokenFile.toString());

        assertThat(status).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains(
                        "http GET "
                                + runtime.url()
                                + "/functions  -> status == 200 within 30s [machine]\n"
                                + "        probe: holds: status=200\n")
                .contains(
                        "http GET "
                                + runtime.url()
                                + "/healthz  -> status == 200 and body.status == \"ok\" within 30s [machine]\n"
                                + "        probe: holds: status=200, body.status=\"ok\"\n")
                .doesNotContain(runtime.token());
        assertThat(runtime.admin().get("/functions").body()).isEqualTo(functionsBefore);
    }

    @Test
    void disasterRecoveryVerificationRunsThroughTwopsDeletesDrSmokeByItsIdAndAuditsThePair()
            throws Exception {
        Path tokenFile = Files.writeString(dir.resolve("runtime-admin-token"), runtime.token());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status;
        try (PrometheusServer prometheus =
                PrometheusServer.builder()
                        .scrape("tensor-wasm", "127.0.0.1:" + runtime.port())
                        .start()) {
            // Steps 32 to 40 each ask to approve; none asks anything else.
            status =
                    twops(
                            "a\n".repeat(9),
                            out,
                            err,
                            "run",
                            "disaster-recovery",
                            "--from",
                            "32",
                            "--as",
                            "carol",
                            "--poll",
                            "250",
                            "--db",
                            "jdbc:h2:file:" + dir.resolve("cli-engine"),
                            "--prometheus",
                            prometheus.baseUri().toString(),
                            "--runtime-token-file",
                            tokenFile.toString(),
                            "--var",
                            "audit_log=" + runtime.auditLog(),
                            "--audit-log",
                            runtime.auditLog().toString());
        }

        assertThat(status).as(out + "\n" + err).isZero();
        assertThat(out.toString())
                .contains("  36  passed   http DELETE {runtime}/functions/{steps.35.body.id}")
                .contains("  37  passed   shell grep -c {steps.35.body.id} {audit_log}")
                .contains("\nsucceeded in ")
                .doesNotContain(runtime.token());
        assertTheAuditLogHoldsTheDrSmokePairAndTheFunctionIsGone();
    }

    private void assertTheAuditLogHoldsTheDrSmokePairAndTheFunctionIsGone() throws Exception {
        List<String> audit = Files.readAllLines(runtime.auditLog());
        String created =
                audit.stream()
                        .filter(l -> l.contains("\"name\":\"dr-smoke\""))
                        .findFirst()
                        .orElseThrow();
        String id = created.replaceFirst(".*\"function_id\":\"([^\"]+)\".*", "$1");
        assertThat(audit.stream().filter(l -> l.contains(id)))
                .hasSize(2)
                .anyMatch(
                        l ->
                                l.contains("\"action\":\"function.create\"")
                                        && l.contains("\"status\":201"))
                .anyMatch(
                        l ->
                                l.contains("\"action\":\"function.delete\"")
                                        && l.contains("\"status\":204"));
        assertThat(runtime.admin().get("/functions/" + id).statusCode()).isEqualTo(404);
    }

    /** Runs {@code twops runbook ...} with answers on standard input, the runtime and the pages. */
    private int twops(String answers, StringWriter out, StringWriter err, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(
                List.of(
                        "--runbooks",
                        RepositoryFiles.path("runbooks/src/main/resources/runbooks").toString(),
                        "--runtime",
                        runtime.url()));
        return new CommandLine(
                        new RunbookCommand(
                                new ByteArrayInputStream(answers.getBytes(StandardCharsets.UTF_8))))
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(all.toArray(String[]::new));
    }

    private RunContext.Builder context() {
        return RunContext.builder()
                .variable("runtime", runtime.url())
                .runtimeToken(runtime.token())
                .approvals(new ScriptedApprovals("alice"))
                .pager(pager)
                .store(store)
                .catalog(CATALOGUE::runbook)
                .pollInterval(Duration.ofMillis(250));
    }

    private static Runbook page(String front, String... rows) {
        String text =
                "---\nid: acceptance\nkind: procedure\nsla: 10m\ntargets: [runtime]\n"
                        + front
                        + "---\n\n# Acceptance\n\n"
                        + "| Step | Action | Expected | Within | On failure | Estimate |\n|---|---|---|---|---|---|\n"
                        + String.join("\n", rows)
                        + "\n\nEscalation: page the on-call\n";
        return Catalog.parse(Path.of("acceptance.md"), text).get(0);
    }
}

package io.tensorwasm.ops.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tensorwasm.ops.engine.LoopbackRuntime;
import io.tensorwasm.ops.engine.model.Allowlist;
import io.tensorwasm.ops.engine.model.RunStatus;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.model.RunbookFormatException;
import io.tensorwasm.ops.engine.model.StepResult;
import io.tensorwasm.ops.engine.parse.AllowlistFile;
import io.tensorwasm.ops.engine.parse.Catalog;
import io.tensorwasm.ops.engine.store.ExecutionStore;
import io.tensorwasm.ops.engine.store.JdbcExecutionStore;
import io.tensorwasm.ops.testkit.HttpRecorder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What shell and cli steps run (issue #16, finding 7): a placeholder's value is always one argument
 * and never an option, the person sees the arguments as they will run, the default allowlist only
 * reads, and the runtime's token goes to the runtime's origin only.
 */
class ShellAndCliStepsIT {

    private static final Allowlist PRINTF =
            new Allowlist(Set.of("printf"), Set.of("tensor-wasm"), "this test's list");

    @TempDir Path dir;

    private LoopbackRuntime runtime;
    private ExecutionStore store;

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
    void aValueWithSpacesIsOneArgument() {
        Runbook runbook = runbook("| 1 | `shell printf [%s] {words}` | | | abort | 1m |");
        RunContext context =
                context(new ScriptedApprovals("ann"))
                        .allowlist(PRINTF)
                        .variable("words", "two words")
                        .build();

        ExecutionReport report = new Executor(context).run(runbook, RunRequest.interactive("ann"));

        assertThat(report.steps())
                .extracting(StepResult::output)
                .containsExactly("exit 0: [two words]");
    }

    @Test
    void anOptionLikeValueIsRefusedNamingTheStepThePlaceholderAndTheValue() {
        Runbook shell =
                runbook(
                        "| 1 | `wait 10ms` | | | abort | 1m |",
                        "| 2 | `shell ls {function}` | | | abort | 1m |");
        Runbook cli = runbook("| 1 | `cli tensor-wasm observe {function}` | | | abort | 1m |");
        RunContext context =
                context(new ScriptedApprovals("ben"))
                        .variable("function", "--version")
                        .cliTool("tensor-wasm", List.of("echo", "tensor-wasm"))
                        .build();

        ExecutionReport shellRun = new Executor(context).run(shell, RunRequest.interactive("ben"));
        ExecutionReport cliRun = new Executor(context).run(cli, RunRequest.interactive("ben"));

        assertThat(shellRun.status()).isEqualTo(RunStatus.FAILED);
        assertThat(shellRun.steps().get(1).check().observed())
                .isEqualTo(
                        "\"--version\" from {function} would be an option of step 2: a placeholder's"
                                + " value may not start with \"-\" unless the step puts it after \"--\"");
        assertThat(cliRun.status()).isEqualTo(RunStatus.FAILED);
        assertThat(cliRun.steps().get(0).check().observed())
                .startsWith("\"--version\" from {function} would be an option of step 1:");
    }

    @Test
    void anOptionLikeValueAfterDoubleDashIsAnOperand() throws Exception {
        Path log = Files.writeString(dir.resolve("notes.txt"), "-x marks the spot\nnothing here\n");
        Runbook runbook =
                runbook(
                        "| 1 | `shell grep -c -- {pattern} "
                                + log
                                + "` | `output == \"1\"` | | abort | 1m |");
        RunContext context =
                context(new ScriptedApprovals("cat")).variable("pattern", "-x marks").build();

        ExecutionReport report = new Executor(context).run(runbook, RunRequest.interactive("cat"));

        assertThat(report.status()).isEqualTo(RunStatus.SUCCEEDED);
    }

    @Test
    void thePlanAndThePersonSeeTheArgumentsAsTheyWillRun() {
        Runbook runbook =
                runbook(
                        "| 1 | `shell printf [%s] {words}` | | | abort | 1m |",
                        "| 2 | `shell printf <%s> {steps.1.output}` | | | abort | 1m |",
                        "| 3 | `http GET {runtime}/healthz` | `status == 200` | | abort | 1m |");
        ScriptedApprovals person = new ScriptedApprovals("dan");
        RunContext context =
                context(person).allowlist(PRINTF).variable("words", "two words").build();

        Plan plan = new Executor(context).plan(runbook, false);
        ExecutionReport report = new Executor(context).run(runbook, RunRequest.interactive("dan"));

        assertThat(plan.steps())
                .extracting(Plan.Planned::action)
                .containsExactly(
                        "shell printf [%s] \"two words\"",
                        "shell printf <%s> {steps.1.output} [template: {steps.1.output} has no value"
                                + " until step 1 runs]",
                        "http GET " + runtime.url() + "/healthz");
        assertThat(report.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(person.asked())
                .containsExactly(
                        "review 1: shell printf [%s] \"two words\"",
                        "review 2: shell printf <%s> \"[two words]\"",
                        "review 3: http GET " + runtime.url() + "/healthz");
    }

    @Test
    void theDefaultAllowlistHoldsOnlyProgramsThatRead() {
        Runbook runbook =
                runbook(
                        "| 1 | `shell curl -s -X POST "
                                + runtime.url()
                                + "/work` | | | continue | 1m |",
                        "| 2 | `shell systemctl stop nothing-here` | | | continue | 1m |",
                        "| 3 | `shell journalctl --directory="
                                + dir
                                + " --vacuum-size=1K` | | | continue | 1m |");
        RunContext context = context(new ScriptedApprovals("eve")).build();

        ExecutionReport report = new Executor(context).run(runbook, RunRequest.interactive("eve"));

        assertThat(context.allowlist()).isEqualTo(AllowlistFile.defaults());
        assertThat(report.steps())
                .extracting(s -> s.check().observed())
                .containsExactly(
                        "shell \"curl\" is not on the allowlist (the defaults: cat, df, du, free,"
                                + " grep, head, journalctl, ls, nvidia-smi, pgrep, ps, readlink,"
                                + " tail, uptime)",
                        "shell \"systemctl\" is not on the allowlist (the defaults: cat, df, du,"
                                + " free, grep, head, journalctl, ls, nvidia-smi, pgrep, ps,"
                                + " readlink, tail, uptime)",
                        "\"--vacuum-size=1K\": journalctl only reads in a shell step; its options"
                                + " that change the journal are refused");
        assertThat(runtime.metricsFor("/work")).isZero();
    }

    @Test
    void aCliStepCannotChooseTheServerAndTheToolIsPointedAtTheRuntime() {
        assertThatThrownBy(
                        () ->
                                runbook(
                                        "| 1 | `cli tensor-wasm observe --server=http://127.0.0.1:9 --once` | | | abort | 1m |"))
                .isInstanceOf(RunbookFormatException.class)
                .hasMessage(
                        "sample.md:10:32: \"--server=http://127.0.0.1:9\": a cli step cannot choose"
                                + " the server; the engine points the tool at {runtime}");
        assertThatThrownBy(
                        () ->
                                runbook(
                                        "| 1 | `cli tensor-wasm observe --once --server {runtime}` | | | abort | 1m |"))
                .isInstanceOf(RunbookFormatException.class)
                .hasMessageContaining("\"--server\": a cli step cannot choose the server");
        Runbook runbook = runbook("| 1 | `cli tensor-wasm observe --once` | | | abort | 1m |");
        RunContext context =
                context(new ScriptedApprovals("fay"))
                        .runtimeToken("tok-5e1f0a9c")
                        .cliTool(
                                "tensor-wasm",
                                List.of(
                                        "sh",
                                        "-c",
                                        "echo \"$TENSOR_WASM_SERVER ${TENSOR_WASM_TOKEN:+with a"
                                                + " token} $*\"",
                                        "tensor-wasm"))
                        .build();

        ExecutionReport report = new Executor(context).run(runbook, RunRequest.interactive("fay"));

        assertThat(report.steps().get(0).output())
                .isEqualTo("exit 0: " + runtime.url() + " with a token observe --once");
    }

    @Test
    void theTokenGoesToTheRuntimesOriginOnlyWhateverTheTemplateSays() throws Exception {
        try (HttpRecorder elsewhere = HttpRecorder.answering(200, "{\"token\":\"\"}")) {
            String other = elsewhere.url("").getAuthority();
            Runbook runbook =
                    runbook(
                            "| 1 | `http GET {runtime}@" + other + "/steal` | | | continue | 1m |",
                            "| 2 | `http GET {base}/whoami` | `body.token != \"\"` | | continue | 1m |");
            RunContext context =
                    context(new ScriptedApprovals("gus"))
                            .runtimeToken("tok-77c0ffee")
                            .variable("base", runtime.url())
                            .build();

            ExecutionReport report =
                    new Executor(context).run(runbook, RunRequest.interactive("gus"));

            assertThat(elsewhere.requests())
                    .extracting(HttpRecorder.Request::authorization)
                    .as("the request that went to " + other)
                    .containsExactly("");
            assertThat(report.steps().get(1).check().outcome())
                    .as("the runtime's own origin, written without {runtime}, gets the token")
                    .isEqualTo(io.tensorwasm.ops.engine.model.CheckResult.Outcome.PASSED);
        }
    }

    @Test
    void shellAndCliStepsRunWithAMinimalEnvironmentNothingElseOfTheConsoles() {
        List<String> minimal = List.of("PATH", "HOME", "LANG", "LC_ALL", "TZ");
        assertThat(System.getenv().keySet())
                .as("this test needs a variable beyond " + minimal + " in its own environment")
                .anyMatch(name -> !minimal.contains(name));
        Runbook runbook =
                runbook(
                        "| 1 | `shell cat /proc/self/environ` | | | abort | 1m |",
                        "| 2 | `cli tensor-wasm` | | | abort | 1m |");
        RunContext context =
                context(new ScriptedApprovals("hal"))
                        .runtimeToken("tok-9d2b4e61")
                        .cliTool("tensor-wasm", List.of("cat", "/proc/self/environ"))
                        .build();

        ExecutionReport report = new Executor(context).run(runbook, RunRequest.interactive("hal"));

        assertThat(names(report.steps().get(0).output()))
                .as("the shell step's environment")
                .isSubsetOf(minimal);
        assertThat(names(report.steps().get(1).output()))
                .as("the cli step's environment")
                .contains("TENSOR_WASM_SERVER", "TENSOR_WASM_TOKEN")
                .isSubsetOf(
                        List.of(
                                "PATH",
                                "HOME",
                                "LANG",
                                "LC_ALL",
                                "TZ",
                                "TENSOR_WASM_SERVER",
                                "TENSOR_WASM_TOKEN"));
    }

    /** The variable names in a recorded {@code cat /proc/self/environ} output. */
    private static List<String> names(String output) {
        return java.util.Arrays.stream(output.substring(output.indexOf(": ") + 2).split("\0"))
                .filter(entry -> entry.contains("="))
                .map(entry -> entry.substring(0, entry.indexOf('=')))
                .toList();
    }

    private Runbook runbook(String... rows) {
        String page =
                "---\nid: sample\nkind: procedure\nsla: 10m\n"
                        + "vars: {words: \"\", function: \"\", pattern: \"\", base: \"\"}\n---\n\n"
                        + "| Step | Action | Expected | Within | On failure | Estimate |\n|---|---|---|---|---|---|\n"
                        + String.join("\n", rows)
                        + "\n\nEscalation: page the lead\n";
        return Catalog.parse(Path.of("sample.md"), page).get(0);
    }

    private RunContext.Builder context(Approvals approvals) {
        return RunContext.builder()
                .variable("runtime", runtime.url())
                .approvals(approvals)
                .pager(new RecordingPager())
                .store(store)
                .pollInterval(Duration.ofMillis(100));
    }
}

package io.tensorwasm.ops.engine.target;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.engine.LoopbackRuntime;
import io.tensorwasm.ops.engine.exec.ExecutionReport;
import io.tensorwasm.ops.engine.exec.Executor;
import io.tensorwasm.ops.engine.exec.RunContext;
import io.tensorwasm.ops.engine.exec.RunRequest;
import io.tensorwasm.ops.engine.exec.ScriptedApprovals;
import io.tensorwasm.ops.engine.model.Action;
import io.tensorwasm.ops.engine.model.RunStatus;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.parse.Catalog;
import io.tensorwasm.ops.engine.store.ExecutionStore;
import io.tensorwasm.ops.engine.store.JdbcExecutionStore;
import io.tensorwasm.ops.testkit.FreePort;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalProcessTargetIT {

    @TempDir Path dir;

    private LocalProcessTarget target;

    @AfterEach
    void stopWhatWasStarted() {
        if (target != null) {
            target.perform(Action.Operation.STOP);
        }
    }

    @Test
    void theProcessGetsAMinimalEnvironmentAndWhatItIsGivenNothingElse() throws Exception {
        List<String> minimal = List.of("PATH", "HOME", "LANG", "LC_ALL", "TZ");
        assertThat(System.getenv().keySet())
                .as("this test needs a variable beyond " + minimal + " in its own environment")
                .isNotEmpty()
                .anyMatch(name -> !minimal.contains(name));
        Path log = dir.resolve("environ.log");
        target =
                LocalProcessTarget.builder()
                        .command(List.of("cat", "/proc/self/environ"))
                        .environment(Map.of("TENSOR_WASM_API_TOKENS", "t0k:tenant=*"))
                        .pidFile(dir.resolve("cat.pid"))
                        .logFile(log)
                        .build();

        assertThat(target.perform(Action.Operation.START).ok()).isTrue();
        Instant deadline = Instant.now().plusSeconds(10);
        while (target.running().isPresent()) {
            assertThat(Instant.now()).as("cat to exit").isBefore(deadline);
            Thread.sleep(20);
        }

        List<String> names =
                Arrays.stream(Files.readString(log).split("\0"))
                        .filter(entry -> entry.contains("="))
                        .map(entry -> entry.substring(0, entry.indexOf('=')))
                        .toList();
        assertThat(names).contains("TENSOR_WASM_API_TOKENS");
        assertThat(names)
                .as("what the process inherited")
                .isSubsetOf(
                        List.of("PATH", "HOME", "LANG", "LC_ALL", "TZ", "TENSOR_WASM_API_TOKENS"));
    }

    @Test
    void theProcessGetsTheVariablesItInheritsByName() throws Exception {
        List<String> minimal = List.of("PATH", "HOME", "LANG", "LC_ALL", "TZ");
        String passed =
                System.getenv().keySet().stream()
                        .filter(name -> !minimal.contains(name))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no variable beyond " + minimal));
        Path log = dir.resolve("environ.log");
        target =
                LocalProcessTarget.builder()
                        .command(List.of("cat", "/proc/self/environ"))
                        .inherit(passed::equals)
                        .pidFile(dir.resolve("cat.pid"))
                        .logFile(log)
                        .build();

        assertThat(target.perform(Action.Operation.START).ok()).isTrue();
        Instant deadline = Instant.now().plusSeconds(10);
        while (target.running().isPresent()) {
            assertThat(Instant.now()).as("cat to exit").isBefore(deadline);
            Thread.sleep(20);
        }

        assertThat(Files.readString(log).split("\0"))
                .contains(passed + "=" + System.getenv(passed));
    }

    @Test
    void restartReplacesTheProcessAndWaitsForHealth() throws Exception {
        int port = FreePort.next();
        target = runtimeOn(port);

        CommandResult started = target.perform(Action.Operation.START);
        long firstPid = target.running().orElseThrow().pid();
        CommandResult restarted = target.perform(Action.Operation.RESTART);
        long secondPid = target.running().orElseThrow().pid();

        assertThat(started.ok()).isTrue();
        assertThat(started.output())
                .startsWith(
                        "started pid "
                                + firstPid
                                + "; http://127.0.0.1:"
                                + port
                                + "/healthz answered 200 after ");
        assertThat(restarted.ok()).isTrue();
        assertThat(restarted.output())
                .startsWith("stopped pid " + firstPid + " (SIGTERM); started pid " + secondPid);
        assertThat(secondPid).isNotEqualTo(firstPid);
        assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(Files.readString(dir.resolve("runtime.pid")))
                .isEqualTo(Long.toString(secondPid));
        assertThat(target.perform(Action.Operation.STATUS))
                .isEqualTo(new CommandResult(0, "running, pid " + secondPid));
        assertThat(target.perform(Action.Operation.LOGS).output())
                .contains("listening on http://127.0.0.1:" + port + " pid " + secondPid);
    }

    @Test
    void runbookRestartActionRestartsTheLocalProcessAndWaitsForItsHealth() throws Exception {
        int port = FreePort.next();
        target = runtimeOn(port);
        target.perform(Action.Operation.START);
        long before = target.running().orElseThrow().pid();
        Runbook runbook =
                Catalog.parse(
                                Path.of("restart.md"),
                                """
                ---
                id: restart
                kind: procedure
                targets: [runtime]
                ---

                | Step | Action | Expected | Within | On failure | Estimate |
                |---|---|---|---|---|---|
                | 1 | `runtime restart` | `exit_code == 0 and health.status == "ready"` | 30s | escalate | 1m |
                | 2 | `runtime status` | `output.startsWith("running")` | | abort | 10s |
                """)
                        .get(0);

        ExecutionReport report;
        try (ExecutionStore store =
                JdbcExecutionStore.open("jdbc:h2:file:" + dir.resolve("engine"), "", "")) {
            RunContext context =
                    RunContext.builder()
                            .variable("runtime", "http://127.0.0.1:" + port)
                            .target("runtime", target)
                            .approvals(new ScriptedApprovals("ci"))
                            .store(store)
                            .build();
            report = new Executor(context).run(runbook, RunRequest.interactive("ci"));
        }
        long after = target.running().orElseThrow().pid();

        assertThat(report.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(after).isNotEqualTo(before);
        assertThat(report.steps().get(0).output())
                .startsWith("exit 0: stopped pid " + before + " (SIGTERM); started pid " + after);
        assertThat(report.steps().get(0).check().observed())
                .isEqualTo("exit_code=0, health.status=\"ready\"");
    }

    @Test
    void stopSendsSigkillToAProcessThatIgnoresSigterm() throws Exception {
        target =
                LocalProcessTarget.builder()
                        .command(
                                List.of(
                                        "sh",
                                        "-c",
                                        "trap '' TERM; echo stubborn; while true; do sleep 1; done"))
                        .directory(dir)
                        .pidFile(dir.resolve("stubborn.pid"))
                        .stopGrace(Duration.ofMillis(500))
                        .build();
        target.perform(Action.Operation.START);
        long pid = target.running().orElseThrow().pid();
        // Stop only once the shell has set its trap, which it says by echoing.
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!target.perform(Action.Operation.LOGS).output().contains("stubborn")
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }

        CommandResult stopped = target.perform(Action.Operation.STOP);

        assertThat(stopped)
                .isEqualTo(new CommandResult(0, "stopped pid " + pid + " (SIGKILL after 500ms)"));
        assertThat(target.perform(Action.Operation.STATUS))
                .isEqualTo(new CommandResult(3, "not running"));
        assertThat(dir.resolve("stubborn.pid")).doesNotExist();
    }

    @Test
    void startFailsWhenHealthNeverAnswers() {
        int port = FreePort.next();
        target =
                LocalProcessTarget.builder()
                        .command(List.of("sleep", "30"))
                        .directory(dir)
                        .pidFile(dir.resolve("mute.pid"))
                        .healthUrl(URI.create("http://127.0.0.1:" + port + "/healthz"))
                        .startTimeout(Duration.ofMillis(800))
                        .build();

        CommandResult started = target.perform(Action.Operation.START);

        assertThat(started.exitCode()).isEqualTo(1);
        assertThat(started.output())
                .endsWith(
                        "but http://127.0.0.1:"
                                + port
                                + "/healthz did not answer 200 within 800ms");
    }

    private LocalProcessTarget runtimeOn(int port) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return LocalProcessTarget.builder()
                .command(
                        List.of(
                                java,
                                "-cp",
                                System.getProperty("java.class.path"),
                                LoopbackRuntime.class.getName(),
                                Integer.toString(port)))
                .directory(dir)
                .pidFile(dir.resolve("runtime.pid"))
                .healthUrl(URI.create("http://127.0.0.1:" + port + "/healthz"))
                .startTimeout(Duration.ofSeconds(30))
                .build();
    }
}

package io.tensorwasm.ops.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.drills.DrillCheck;
import io.tensorwasm.ops.drills.DrillRun;
import io.tensorwasm.ops.drills.DrillSettings;
import io.tensorwasm.ops.engine.model.Action;
import io.tensorwasm.ops.engine.target.CommandResult;
import io.tensorwasm.ops.engine.target.LocalProcessTarget;
import io.tensorwasm.ops.launcher.runtime.TensorWasmCommand;
import io.tensorwasm.ops.oncall.incident.IncidentStore;
import io.tensorwasm.ops.oncall.run.RunEnvironment;
import io.tensorwasm.ops.oncall.store.PrivateFiles;
import io.tensorwasm.ops.testkit.FreePort;
import io.tensorwasm.ops.web.ConsoleConfig;
import io.tensorwasm.ops.web.ConsoleServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disaster-recovery drills of a real console against a real runtime started as {@code twops
 * start} starts it, with the real {@code tensor-wasm} command line of this build: the smoke test
 * and the full rehearsal pass and print their durations; against a runtime that is down the smoke
 * test fails and opens a sev-2 incident.
 */
class ReadinessDrillsIT {

    @TempDir Path data;

    @Test
    void smokeTestAndRehearsalPassAgainstARealRuntime() throws Exception {
        int port = FreePort.next();
        Files.createDirectories(data.resolve("logs"));
        LocalProcessTarget runtime =
                RuntimeProcess.target(
                        "127.0.0.1",
                        port,
                        data,
                        PrivateFiles.token(data.resolve("runtime-admin-token")));
        CommandResult started = runtime.perform(Action.Operation.START);
        try (ConsoleServer console = console(URI.create("http://127.0.0.1:" + port), true)) {
            assertThat(started.ok()).as(started.output()).isTrue();
            DrillRun smoke = run(console, "dr-smoke");
            assertThat(smoke.outcome()).as(smoke.summary()).isEqualTo("passed");
            assertThat(smoke.checks())
                    .extracting(DrillCheck::name)
                    .containsExactly(
                            "/healthz answers {\"status\":\"ok\"} in under 10 ms",
                            "tensor_wasm_http_requests_total advances across two fetches of"
                                    + " /metrics",
                            "tensor-wasm observe --once succeeds",
                            "an authenticated deploy of dr-smoke and its delete succeed",
                            "the audit sink shows the dr-smoke create and delete");
            assertThat(smoke.checks().get(4).observed())
                    .matches(
                            ".*audit\\.log holds function\\.create and function\\.delete of fn_.*");

            DrillRun rehearsal = run(console, "dr-rehearsal");
            assertThat(rehearsal.outcome()).as(rehearsal.summary()).isEqualTo("passed");
            assertThat(rehearsal.checks())
                    .extracting(DrillCheck::name)
                    .containsExactly(
                            "a scratch runtime of this build starts",
                            "3 functions deploy and invoke",
                            "tensor-wasm backup saves the data directory while the runtime serves",
                            "the runtime is killed and its data directory destroyed (lost storage)",
                            "tensor-wasm restore refills the destroyed data directory",
                            "the runtime restarts on the restored data",
                            "every function is back under its old id and invokes",
                            "lost storage is recovered within the RTO of 4h",
                            "the runtime restarts with rotated tokens",
                            "the old token is refused (401) and the new one accepted",
                            "lost auth state is recovered within the RTO of 4h");
            assertThat(rehearsal.checks().get(2).observed())
                    .matches(
                            ".*backup\\.zip: 3 functions, taken .* by v\\d+\\.\\d+\\.\\d+ \\(\\d+ bytes\\)");
            assertThat(rehearsal.checks().get(9).observed())
                    .matches(
                            "the old token answered 401 \\{\"error\":\\{\"code\":\"unauthorized\","
                                    + "\"message\":\"bearer token not recognised\","
                                    + "\"trace_id\":\"[0-9a-f]{32}\"}}, the new one"
                                    + " answered 200 listing 3 functions");
            assertThat(data.resolve("drills")).isEmptyDirectory();
            System.out.printf(
                    "dr-smoke took %s; dr-rehearsal took %s: %s; %s%n",
                    smoke.duration().orElseThrow(),
                    rehearsal.duration().orElseThrow(),
                    rehearsal.checks().get(7).observed(),
                    rehearsal.checks().get(10).observed());
        } finally {
            runtime.perform(Action.Operation.STOP);
        }
    }

    @Test
    void smokeTestFailsAgainstARuntimeThatIsDownAndOpensAnIncident() throws Exception {
        try (ConsoleServer console =
                console(URI.create("http://127.0.0.1:" + FreePort.next()), false)) {
            DrillRun smoke = run(console, "dr-smoke");
            assertThat(smoke.outcome()).isEqualTo("failed");
            assertThat(smoke.checks())
                    .extracting(DrillCheck::observed)
                    .satisfiesExactly(
                            healthz -> assertThat(healthz).startsWith("/healthz did not answer ("),
                            metrics -> assertThat(metrics).startsWith("/metrics did not answer ("),
                            observe ->
                                    assertThat(observe)
                                            .startsWith("exit 1: observe: cannot connect"),
                            deploy ->
                                    assertThat(deploy)
                                            .isEqualTo(
                                                    "no runtime admin token is configured (twops"
                                                            + " start --runtime-token-file)"),
                            audit ->
                                    assertThat(audit)
                                            .isEqualTo("nothing to look for: no deploy was made"));
            assertThat(
                            new IncidentStore(console.parts().database().dataSource())
                                    .findByKey("drill-run:" + smoke.id())
                                    .orElseThrow()
                                    .title())
                    .isEqualTo("Drill failed: dr-smoke (5 checks)");
        }
    }

    private ConsoleServer console(URI runtime, boolean withToken) throws Exception {
        DrillSettings.Builder drills =
                DrillSettings.builder().node("drills-it").scratch(data.resolve("drills"));
        DrillSettings.DRILLS.forEach(d -> drills.schedule(d, DrillSettings.OFF));
        if (withToken) {
            drills.runtimeTokenFile(data.resolve("runtime-admin-token"))
                    .runtimeAuditLog(data.resolve("runtime/audit.log"));
        }
        return ConsoleServer.start(
                ConsoleConfig.builder()
                        .port(0)
                        .dataDir(data.resolve("console"))
                        .runtimeUrl(runtime)
                        .drills(drills.build())
                        .build(),
                RunEnvironment.none().withCliTool("tensor-wasm", TensorWasmCommand.javaCommand()));
    }

    private static DrillRun run(ConsoleServer console, String drill) throws Exception {
        String request = console.parts().drills().runNow(drill);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            for (DrillRun run : console.parts().drills().recent(10)) {
                if (run.fireKey().equals("manual:" + request) && run.finishedAt().isPresent()) {
                    return run;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError(drill + " did not finish within 3 min");
    }
}

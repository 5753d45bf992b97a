package io.tensorwasm.ops.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.engine.model.RunStatus;
import io.tensorwasm.ops.engine.model.StepResult;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrashRecoveryIT {

    @TempDir Path dir;

    @Test
    void killDashNineMidRunLeavesAnInterruptedExecutionWithItsFinishedSteps() throws Exception {
        Path runbook = dir.resolve("long-wait.md");
        Files.writeString(
                runbook,
                """
                ---
                id: long-wait
                kind: procedure
                ---

                | Step | Action | Expected | Within | On failure | Estimate |
                |---|---|---|---|---|---|
                | 1 | `wait 10ms` | | | abort | 1m |
                | 2 | `wait 10m` | | | abort | 10m |
                """);
        String url = "jdbc:h2:file:" + dir.resolve("engine");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child =
                new ProcessBuilder(
                                java,
                                "-cp",
                                System.getProperty("java.class.path"),
                                CrashingRun.class.getName(),
                                url,
                                runbook.toString())
                        .redirectErrorStream(true)
                        .start();
        try {
            awaitLine(child, "STEP 1 DONE");
            Thread.sleep(500);
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).isEqualTo(137);
        } finally {
            child.destroyForcibly();
        }
        Thread.sleep(1500);

        try (ExecutionStore store = JdbcExecutionStore.open(url, "", "", Duration.ofSeconds(1))) {
            List<ExecutionSummary> executions = store.recent(10);
            assertThat(executions).hasSize(1);
            ExecutionRecord record = store.find(executions.get(0).id()).orElseThrow();
            assertThat(record.summary().status()).isEqualTo(RunStatus.INTERRUPTED);
            assertThat(record.summary().finished()).isPresent();
            assertThat(record.steps()).extracting(StepResult::step).containsExactly(1);
            assertThat(record.steps())
                    .extracting(StepResult::status)
                    .containsExactly(StepResult.Status.PASSED);
        }
    }

    private static void awaitLine(Process child, String wanted) throws Exception {
        BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String line = out.readLine();
            if (line == null) {
                throw new AssertionError("the run ended before \"" + wanted + "\":\n" + seen);
            }
            seen.append(line).append('\n');
            if (line.equals(wanted)) {
                return;
            }
        }
        throw new AssertionError("no \"" + wanted + "\" within 60 s:\n" + seen);
    }
}

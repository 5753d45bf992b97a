package io.tensorwasm.ops.launcher.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.launcher.RepositoryFiles;
import io.tensorwasm.ops.runtime.RuntimeConfig;
import io.tensorwasm.ops.runtime.RuntimeServer;
import io.tensorwasm.ops.testkit.HarnessClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #18: the seed runbooks' literal {@code tensor-wasm-cli observe --once} runs, from {@code
 * bin/} as an operator types it, against a real runtime named by {@code TENSOR_WASM_SERVER}; and
 * its request rate leaves out the scrapes of {@code /metrics}, its own included.
 */
class TensorWasmCliAliasIT {

    @TempDir Path dir;

    @Test
    void tensorWasmCliObserveOnceWorksAsTheSeedsWriteIt() throws Exception {
        String token = "alias-admin-t0ken";
        RuntimeConfig config =
                RuntimeConfig.builder()
                        .port(0)
                        .dataDir(dir.resolve("runtime"))
                        .apiTokens(token + ":tenant=*")
                        .build();
        try (RuntimeServer runtime = RuntimeServer.start(config)) {
            // Only scrapes before and during the reading: no traffic.
            HarnessClient.of(runtime.port()).get("/metrics");
            ProcessBuilder builder =
                    new ProcessBuilder(
                                    List.of(
                                            RepositoryFiles.path("bin/tensor-wasm-cli").toString(),
                                            "observe",
                                            "--once"))
                            .redirectErrorStream(true);
            builder.environment().put("TENSOR_WASM_SERVER", runtime.baseUri().toString());
            builder.environment().put("TENSOR_WASM_TOKEN", token);
            Process process = builder.start();
            assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
            String output =
                    new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(process.exitValue()).as(output).isZero();
            assertThat(output)
                    .contains("tensor-wasm " + runtime.baseUri())
                    .contains("jobs_in_flight           0")
                    .contains("request_rate             0.00 req/s")
                    .contains("error_ratio              0.0000");
        }
    }

    @Test
    void tensorWasmCliNamesItselfInItsHelpAndErrors() throws Exception {
        java.io.StringWriter err = new java.io.StringWriter();
        int status =
                TensorWasmCommand.commandLine(TensorWasmCommand.ALIAS)
                        .setErr(new java.io.PrintWriter(err, true))
                        .execute("observe", "--no-such-option");
        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("Usage: tensor-wasm-cli observe");
    }
}

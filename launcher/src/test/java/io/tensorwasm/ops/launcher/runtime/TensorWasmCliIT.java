package io.tensorwasm.ops.launcher.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.testkit.HarnessClient;
import io.tensorwasm.ops.testkit.ManagedProcess;
import io.tensorwasm.ops.testkit.WasmCorpus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code tensor-wasm serve} as a real process, driven by {@code deploy} and {@code observe}. */
class TensorWasmCliIT {

    private static final String ADMIN = "cli-admin-t0ken";
    private static final Pattern LISTENING =
            Pattern.compile("tensor-wasm listening on (http://127\\.0\\.0\\.1:(\\d+))");

    @TempDir Path dir;

    private static String logOf(ManagedProcess process) {
        try {
            return Files.readString(process.log());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void serveAnswersDeployAndObserveThenStopsOnSigterm() throws Exception {
        Path audit = dir.resolve("audit.log");
        ManagedProcess serve =
                ManagedProcess.start(
                        "tensor-wasm-serve",
                        List.of(
                                "env",
                                "TENSOR_WASM_API_TOKENS=" + ADMIN + ":tenant=*",
                                "TENSOR_WASM_API_AUDIT_LOG=file:" + audit,
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-cp",
                                System.getProperty("java.class.path"),
                                TensorWasmCommand.class.getName(),
                                "serve",
                                "--port",
                                "0",
                                "--data-dir",
                                dir.resolve("data").toString()),
                        dir);
        try {
            serve.awaitReady(
                    "the listening line",
                    Duration.ofSeconds(60),
                    () -> LISTENING.matcher(logOf(serve)).find());
            Matcher listening = LISTENING.matcher(Files.readString(serve.log()));
            assertThat(listening.find()).isTrue();
            String url = listening.group(1);
            int port = Integer.parseInt(listening.group(2));

            Path wasm = dir.resolve("empty.wasm");
            Files.write(wasm, WasmCorpus.bytes("empty"));
            StringWriter deployed = new StringWriter();
            DeployCommand deploy = new DeployCommand();
            deploy.runtime.env = Map.of("TENSOR_WASM_TOKEN", ADMIN);
            int status =
                    new CommandLine(deploy)
                            .setOut(new PrintWriter(deployed))
                            .execute("dr-smoke", wasm.toString(), "--server", url);
            assertThat(status).isZero();
            String id = deployed.toString().strip();
            assertThat(id).matches("fn_[0-9a-f]{20}");
            assertThat(HarnessClient.of(port).withToken(ADMIN).get("/functions/" + id).body())
                    .contains("\"name\":\"dr-smoke\"");

            StringWriter observed = new StringWriter();
            status =
                    new CommandLine(new ObserveCommand())
                            .setOut(new PrintWriter(observed))
                            .execute("--server", url, "--once", "--json", "--window", "0.5");
            assertThat(status).isZero();
            assertThat(observed.toString().strip())
                    .startsWith("{\"server\":\"" + url + "\"")
                    .contains(
                            "\"active_instances\":0",
                            "\"jobs_in_flight\":0",
                            "\"kernel_dispatches_total\":0",
                            "\"request_rate\":",
                            "\"error_ratio\":0.0000")
                    .contains("\"version\":\"" + io.tensorwasm.ops.launcher.Version.tag() + "\"");

            StringWriter refused = new StringWriter();
            DeployCommand anonymous = new DeployCommand();
            anonymous.runtime.env = Map.of();
            status =
                    new CommandLine(anonymous)
                            .setErr(new PrintWriter(refused))
                            .execute("x", wasm.toString(), "--server", url);
            assertThat(status).isEqualTo(1);
            assertThat(refused.toString().strip())
                    .isEqualTo(
                            "tensor-wasm deploy: "
                                    + wasm
                                    + ": 401 no bearer token: send Authorization: Bearer TOKEN");
        } finally {
            serve.close();
        }
        assertThat(serve.isAlive()).isFalse();
        assertThat(Files.readString(serve.log())).doesNotContain("Exception").doesNotContain(ADMIN);
        assertThat(Files.readString(audit))
                .contains("\"action\":\"function.create\"")
                .contains("\"action\":\"auth.failure\"")
                .doesNotContain(ADMIN);
    }
}

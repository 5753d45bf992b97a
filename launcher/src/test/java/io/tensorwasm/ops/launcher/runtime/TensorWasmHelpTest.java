package io.tensorwasm.ops.launcher.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class TensorWasmHelpTest {

    @ParameterizedTest
    @CsvSource({
        "serve, --port",
        "serve, --data-dir",
        "serve, --db-url",
        "observe, --once",
        "observe, --json",
        "deploy, FILE.wasm",
        "deploy, TENSOR_WASM_TOKEN",
        "backup, --out",
        "backup, pg_dump",
        "restore, --data-dir",
        "restore, is refused"
    })
    void everySubcommandExplainsItself(String subcommand, String mentioned) {
        StringWriter out = new StringWriter();
        int status =
                TensorWasmCommand.commandLine()
                        .setOut(new PrintWriter(out))
                        .execute(subcommand, "--help");
        assertThat(status).isZero();
        assertThat(out.toString()).contains("Usage: tensor-wasm " + subcommand).contains(mentioned);
    }

    @Test
    void flagsWinOverTheEnvironment() {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs("--port", "0", "--data-dir", "/tmp/rt");
        serve.env =
                Map.of(
                        "TENSOR_WASM_PORT", "9999",
                        "TENSOR_WASM_INVOKE_TIMEOUT_MS", "250",
                        "TENSOR_WASM_API_TOKENS", "t:tenant=*");
        assertThat(serve.config().port()).isZero();
        assertThat(serve.config().dataDir()).isEqualTo(Path.of("/tmp/rt"));
        assertThat(serve.config().invokeTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(serve.config().bind()).isEqualTo("127.0.0.1");
    }

    @Test
    void restoreRefusesADataDirectoryThatHoldsAnything(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("runtime"));
        Files.writeString(data.resolve("registry.mv.db"), "still here");
        StringWriter err = new StringWriter();
        int status =
                TensorWasmCommand.commandLine()
                        .setErr(new PrintWriter(err))
                        .execute(
                                "restore",
                                "--data-dir",
                                data.toString(),
                                dir.resolve("backup.zip").toString());
        assertThat(status).isEqualTo(1);
        assertThat(err.toString())
                .isEqualTo(
                        "restore: "
                                + data
                                + ": not empty; restore writes only into an empty or missing data"
                                + " directory (move the old one aside first)"
                                + System.lineSeparator());
    }

    @Test
    void unreachableServerIsOneLineAndExitCodeOne() {
        StringWriter err = new StringWriter();
        int status =
                TensorWasmCommand.commandLine()
                        .setErr(new PrintWriter(err))
                        .execute(
                                "observe",
                                "--once",
                                "--window",
                                "0",
                                "--server",
                                "http://127.0.0.1:1");
        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).startsWith("observe: cannot connect: ").doesNotContain("\tat ");
    }
}

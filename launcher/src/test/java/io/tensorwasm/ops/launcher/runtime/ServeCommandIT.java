package io.tensorwasm.ops.launcher.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.testkit.ManagedProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tensor-wasm serve} on an address off loopback, as a real process (issue #16). */
class ServeCommandIT {

    private static final Pattern LISTENING = Pattern.compile("tensor-wasm listening on (\\S+)");

    @TempDir Path dir;

    @Test
    void refusesDevModeOffLoopbackSayingWhyInOneLine() throws Exception {
        try (ManagedProcess serve = serve("tensor-wasm-serve-dev-public", null)) {
            Instant end = Instant.now().plusSeconds(60);
            while (serve.isAlive() && Instant.now().isBefore(end)) {
                Thread.sleep(100);
            }
            assertThat(serve.isAlive()).as("still serving: %s", serve.tail()).isFalse();
            assertThat(serve.exitValue()).isEqualTo(1);
            assertThat(Files.readAllLines(serve.log()))
                    .containsExactly(
                            "serve: 0.0.0.0: refusing to listen off loopback in dev mode"
                                    + " (TENSOR_WASM_API_TOKENS is empty), where anyone who reaches"
                                    + " the port may deploy functions and take backups; set"
                                    + " TENSOR_WASM_API_TOKENS or bind 127.0.0.1");
            assertThat(dir.resolve("data")).doesNotExist();
        }
    }

    @Test
    void bannerNamesTheAddressItReallyListensOn() throws Exception {
        try (ManagedProcess serve = serve("tensor-wasm-serve-public", "admin-t0ken:tenant=*")) {
            serve.awaitReady(
                    "the listening line",
                    Duration.ofSeconds(60),
                    () -> LISTENING.matcher(Files.readString(serve.log())).find());
            Matcher listening = LISTENING.matcher(Files.readString(serve.log()));
            assertThat(listening.find()).isTrue();
            assertThat(listening.group(1)).matches("http://0\\.0\\.0\\.0:[1-9][0-9]*");
        }
    }

    private ManagedProcess serve(String name, String tokens) {
        List<String> command = new ArrayList<>(List.of("env", "-u", "TENSOR_WASM_API_TOKENS"));
        if (tokens != null) {
            command.add("TENSOR_WASM_API_TOKENS=" + tokens);
        }
        command.addAll(TensorWasmCommand.javaCommand());
        command.addAll(
                List.of(
                        "serve",
                        "--bind",
                        "0.0.0.0",
                        "--port",
                        "0",
                        "--data-dir",
                        dir.resolve("data").toString()));
        return ManagedProcess.start(name, command, dir);
    }
}

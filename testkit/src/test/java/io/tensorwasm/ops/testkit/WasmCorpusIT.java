package io.tensorwasm.ops.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WasmCorpusIT {

    @TempDir Path out;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ok",
                "fib",
                "trap",
                "endless",
                "memory-hog",
                "matmul",
                "matmul-kernel",
                "empty"
            })
    void committedWasmIsWhatWat2wasmBuildsFromTheSource(String name) throws Exception {
        Path wat = out.resolve(name + ".wat");
        Path wasm = out.resolve(name + ".wasm");
        Files.writeString(wat, WasmCorpus.wat(name), StandardCharsets.UTF_8);
        Process p =
                new ProcessBuilder(
                                Tools.system().locate(Tool.WAT2WASM).toString(),
                                wat.toString(),
                                "-o",
                                wasm.toString())
                        .redirectErrorStream(true)
                        .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(WasmCorpus.bytes(name)).isEqualTo(Files.readAllBytes(wasm));
    }

    @Test
    void emptyModuleIsTheDisasterRecoverySmokeModule() {
        assertThat(WasmCorpus.base64("empty")).isEqualTo(WasmCorpus.EMPTY_BASE64);
        assertThat(Base64.getDecoder().decode(WasmCorpus.EMPTY_BASE64))
                .startsWith(0x00, 'a', 's', 'm');
    }

    @Test
    void malformedModuleLacksTheMagicHeader() {
        byte[] head = Arrays.copyOf(WasmCorpus.bytes("malformed"), 4);
        assertThat(head).isNotEqualTo(new byte[] {0x00, 'a', 's', 'm'});
    }

    @Test
    void unknownModuleThrowsInsteadOfReturningNull() {
        assertThatThrownBy(() -> WasmCorpus.bytes("nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("nope.wasm: no such file in the Wasm corpus");
    }
}

package io.tensorwasm.ops.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.testkit.Tool;
import io.tensorwasm.ops.testkit.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every committed test module is what wat2wasm builds from the {@code .wat} beside it. */
class ModuleSourcesIT {

    private static final Path MODULES = Path.of("src", "test", "resources", "modules");

    @TempDir Path out;

    @Test
    void everyCommittedWasmIsWhatWat2wasmBuildsFromItsSource() throws Exception {
        Path wat2wasm = Tools.system().locate(Tool.WAT2WASM);
        List<Path> sources;
        try (Stream<Path> files = Files.list(MODULES)) {
            sources = files.filter(f -> f.toString().endsWith(".wat")).sorted().toList();
        }
        assertThat(sources).extracting(f -> f.getFileName().toString()).contains("kernel-mix.wat");
        for (Path wat : sources) {
            String name = wat.getFileName().toString().replace(".wat", "");
            Path built = out.resolve(name + ".wasm");
            Process p =
                    new ProcessBuilder(wat2wasm.toString(), wat.toString(), "-o", built.toString())
                            .redirectErrorStream(true)
                            .start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("%s: %s", wat, output).isZero();
            assertThat(Files.readAllBytes(MODULES.resolve(name + ".wasm")))
                    .as(
                            "%s.wasm is stale; rebuild it with wat2wasm %s.wat -o %s.wasm",
                            name, name, name)
                    .isEqualTo(Files.readAllBytes(built));
        }
    }
}

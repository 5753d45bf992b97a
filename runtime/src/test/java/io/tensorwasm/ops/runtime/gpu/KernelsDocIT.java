package io.tensorwasm.ops.runtime.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.types.Value;
import io.tensorwasm.ops.testkit.Tool;
import io.tensorwasm.ops.testkit.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code .wat} example of docs/KERNELS.md builds and answers what the page says. */
class KernelsDocIT {

    private static final Path PAGE = Path.of("..", "docs", "KERNELS.md");

    @TempDir Path out;

    @Test
    void exampleOfTheKernelsPageAnswersThirtyFourForFour() throws Exception {
        String page = Files.readString(PAGE);
        int start = page.indexOf("```wat\n") + "```wat\n".length();
        Files.writeString(
                out.resolve("example.wat"), page.substring(start, page.indexOf("```", start)));
        Process p =
                new ProcessBuilder(
                                Tools.system().locate(Tool.WAT2WASM).toString(),
                                "example.wat",
                                "-o",
                                "example.wasm")
                        .directory(out.toFile())
                        .redirectErrorStream(true)
                        .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        GuestKernels kernels = new GuestKernels("kernels");
        Instance example =
                Instance.builder(Parser.parse(out.resolve("example.wasm")))
                        .withImportValues(kernels.imports.imports())
                        .build();
        assertThat(page).contains("answers\n`{\"result\":[34.0]}`");
        assertThat(Value.longToFloat(example.export("run").apply(4)[0])).isEqualTo(34f);
    }
}

package io.tensorwasm.ops.runtime.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PTX shipped in the runtime is exactly what nvcc makes from {@code src/main/cuda/kernels.cu}:
 * this runs the real nvcc, which these machines have, and fails when it is missing.
 */
class PtxMatchesSourceIT {

    static final Path SOURCE = Path.of("src", "main", "cuda", "kernels.cu");
    static final String REGENERATE =
            "cd runtime/src/main/cuda && nvcc -ptx -arch=compute_75 kernels.cu"
                    + " -o ../resources/io/tensorwasm/ops/runtime/gpu/kernels.ptx";

    @TempDir Path out;

    @Test
    void shippedPtxIsWhatNvccMakesFromTheSource() throws Exception {
        Path nvcc = nvcc();
        String shipped = new String(CudaKernels.ptx(), StandardCharsets.UTF_8);
        String release = release(run(out, nvcc.toString(), "--version"));
        assertThat(shipped)
                .as(
                        "%s is %s, but the shipped PTX names another nvcc; compare with that one,"
                                + " or regenerate and commit the PTX: %s",
                        nvcc, release, REGENERATE)
                .contains("// " + release + "\n");
        Files.copy(SOURCE, out.resolve("kernels.cu"));
        run(out, nvcc.toString(), "-ptx", "-arch=compute_75", "kernels.cu", "-o", "kernels.ptx");
        assertThat(Files.readString(out.resolve("kernels.ptx")))
                .as("the shipped PTX is stale; regenerate and commit it: %s", REGENERATE)
                .isEqualTo(shipped);
    }

    @Test
    void ptxDefinesEveryEntryTheCudaBackendLaunches() {
        Matcher entries =
                Pattern.compile("\\.visible \\.entry (\\w+)\\(")
                        .matcher(new String(CudaKernels.ptx(), StandardCharsets.UTF_8));
        List<String> names = new ArrayList<>();
        while (entries.find()) {
            names.add(entries.group(1));
        }
        assertThat(names)
                .containsExactly("saxpy", "vec_add", "dot_partials", "sum_partials", "matmul");
    }

    /** nvcc on PATH or in /usr/local/cuda/bin; missing, the test fails and says where to get it. */
    private static Path nvcc() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.concat(
                        Stream.of(path.split(File.pathSeparator))
                                .filter(dir -> !dir.isBlank())
                                .map(Path::of),
                        Stream.of(Path.of("/usr/local/cuda/bin")))
                .map(dir -> dir.resolve("nvcc"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(
                        () ->
                                new AssertionError(
                                        "nvcc: not found on PATH ("
                                                + path
                                                + ") or in /usr/local/cuda/bin; the shipped PTX"
                                                + " is checked against CUDA 13.0's nvcc, which"
                                                + " this project's machines carry in"
                                                + " /usr/local/cuda-13.0 (Debian has no package"
                                                + " for it)"));
    }

    /** The line {@code Cuda compilation tools, release 13.0, V13.0.88} of nvcc --version. */
    private static String release(String version) {
        return version.lines()
                .filter(line -> line.startsWith("Cuda compilation tools"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("nvcc --version said: " + version));
    }

    private static String run(Path dir, String... command)
            throws IOException, InterruptedException {
        Process process =
                new ProcessBuilder(command)
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS))
                .as("%s still running", command[0])
                .isTrue();
        assertThat(process.exitValue())
                .as("%s failed:%n%s", String.join(" ", command), output)
                .isZero();
        return output;
    }
}

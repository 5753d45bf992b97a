package io.tensorwasm.ops.runtime.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tensorwasm.ops.runtime.RuntimeConfig;
import io.tensorwasm.ops.runtime.RuntimeServer;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Backend selection on this machine, with or without an NVIDIA driver (docs/KERNELS.md). Whether
 * there is one is read from the dynamic loader ({@code ldconfig -p} and {@code LD_LIBRARY_PATH}),
 * not from the code under test. Without {@code libcuda.so.1}, JCuda's native binding fails to load,
 * and that failure is what {@code auto} falls back on and what a forced {@code cuda} stops on. With
 * it, the probe goes on to the driver: a device found is what {@code auto} and {@code cuda} take,
 * and {@code nvidia-smi}, where installed, must count the same devices.
 */
class KernelBackendsTest {

    private static final String NO_DRIVER =
            "JCuda's driver binding did not load: libcuda.so.1: cannot open shared object file: No"
                    + " such file or directory";

    @TempDir Path dataDir;

    @Test
    void probeAgreesWithTheDriverLibraryThisMachineHas() throws Exception {
        CudaProbe probe = CudaProbe.once();
        if (!driverInstalled()) {
            assertThat(probe.available()).isFalse();
            assertThat(probe.devices()).isZero();
            assertThat(probe.reason()).isEqualTo(NO_DRIVER);
            return;
        }
        assertThat(probe.reason()).doesNotContain("libcuda.so.1: cannot open shared object file");
        assertThat(probe.available()).isEqualTo(probe.devices() > 0);
        if (probe.available()) {
            assertThat(probe.reason())
                    .matches(probe.devices() + " CUDA device\\(s\\); using device 0, \".+\"");
        }
        Integer listed = nvidiaSmiDevices();
        if (listed != null) {
            assertThat(probe.devices()).as("the GPUs nvidia-smi -L lists").isEqualTo(listed);
        }
    }

    @Test
    void autoLogsOneLineNamingTheBackendItTookAndWhy() {
        CudaProbe probe = CudaProbe.once();
        List<String> lines = logged(() -> KernelBackends.select(GpuMode.AUTO));
        assertThat(lines).hasSize(1);
        if (!probe.available()) {
            assertThat(lines.get(0))
                    .isEqualTo(
                            "kernel backend cpu (TENSOR_WASM_GPU=auto): CUDA unavailable: "
                                    + (driverInstalled() ? probe.reason() : NO_DRIVER));
        } else {
            // A device whose driver refuses the PTX (older than the CUDA 13.0 line) falls back.
            assertThat(lines.get(0))
                    .satisfiesAnyOf(
                            line ->
                                    assertThat(line)
                                            .isEqualTo(
                                                    "kernel backend cuda (TENSOR_WASM_GPU=auto): "
                                                            + probe.reason()),
                            line ->
                                    assertThat(line)
                                            .startsWith(
                                                    "kernel backend cpu (TENSOR_WASM_GPU=auto):"
                                                            + " CUDA unavailable: "
                                                            + probe.reason()
                                                            + ", but the kernels did not load: "));
        }
    }

    @Test
    void autoRunsKernelsOnTheBackendItNamed() {
        List<String> lines = logged(() -> KernelBackends.select(GpuMode.AUTO));
        try (KernelDispatcher kernels = KernelBackends.select(GpuMode.AUTO)) {
            assertThat(kernels.backend())
                    .isEqualTo(
                            lines.get(0).startsWith("kernel backend cuda ")
                                    ? Backend.CUDA
                                    : Backend.CPU);
            if (!driverInstalled()) {
                assertThat(kernels.backend()).isEqualTo(Backend.CPU);
            }
        }
    }

    @Test
    void cpuIsTakenWithoutProbing() {
        List<String> lines = logged(() -> KernelBackends.select(GpuMode.CPU));
        assertThat(lines)
                .containsExactly("kernel backend cpu (TENSOR_WASM_GPU=cpu): as configured");
    }

    @Test
    void forcedCudaStartsTheServerOnADeviceAndStopsItBeforeTheRegistryWithout() throws Exception {
        CudaProbe probe = CudaProbe.once();
        RuntimeConfig config =
                RuntimeConfig.builder().port(0).dataDir(dataDir).gpu(GpuMode.CUDA).build();
        if (probe.available()) {
            RuntimeServer.start(config).close();
            assertThat(Files.exists(dataDir.resolve("registry.mv.db"))).isTrue();
            return;
        }
        assertThatThrownBy(() -> RuntimeServer.start(config).close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(
                        "TENSOR_WASM_GPU=cuda: no usable CUDA device: "
                                + (driverInstalled() ? probe.reason() : NO_DRIVER)
                                + "; set TENSOR_WASM_GPU=auto or cpu to run kernels on the CPU");
        assertThat(Files.exists(dataDir.resolve("registry.mv.db"))).isFalse();
    }

    @Test
    void aDriverWithoutADeviceIsFallenBackOnByAutoAndRefusedByCuda() {
        CudaProbe noDevice = new CudaProbe(0, "cuDeviceGetCount found no CUDA device");
        KernelBackends.Choice auto = KernelBackends.choose(GpuMode.AUTO, noDevice);
        try (KernelDispatcher kernels = auto.kernels()) {
            assertThat(kernels.backend()).isEqualTo(Backend.CPU);
        }
        assertThat(auto.line())
                .isEqualTo(
                        "kernel backend cpu (TENSOR_WASM_GPU=auto): CUDA unavailable:"
                                + " cuDeviceGetCount found no CUDA device");
        assertThatThrownBy(
                        () ->
                                KernelBackends.choose(
                                        GpuMode.CUDA,
                                        new CudaProbe(
                                                0, "cuInit(0) failed with CUDA_ERROR_NO_DEVICE")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(
                        "TENSOR_WASM_GPU=cuda: no usable CUDA device: cuInit(0) failed with"
                                + " CUDA_ERROR_NO_DEVICE; set TENSOR_WASM_GPU=auto or cpu to run"
                                + " kernels on the CPU");
    }

    @Test
    void rejectsAnUnknownMode() {
        assertThatThrownBy(() -> GpuMode.parse("gpu"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("\"gpu\": TENSOR_WASM_GPU must be auto, cuda or cpu");
        assertThat(GpuMode.parse(" CUDA ")).isEqualTo(GpuMode.CUDA);
    }

    /** Whether the dynamic loader finds the driver's libcuda.so.1, as JCuda's binding needs. */
    static boolean driverInstalled() {
        String path = System.getenv().getOrDefault("LD_LIBRARY_PATH", "");
        boolean onLibraryPath =
                Stream.of(path.split(File.pathSeparator))
                        .filter(dir -> !dir.isBlank())
                        .anyMatch(dir -> Files.exists(Path.of(dir, "libcuda.so.1")));
        return onLibraryPath
                || run("ldconfig", "-p")
                        .lines()
                        .anyMatch(l -> l.strip().startsWith("libcuda.so.1 "));
    }

    /** The GPUs that nvidia-smi lists, or null where nvidia-smi is not installed. */
    private static Integer nvidiaSmiDevices() {
        boolean installed =
                Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                        .filter(dir -> !dir.isBlank())
                        .anyMatch(dir -> Files.isExecutable(Path.of(dir, "nvidia-smi")));
        if (!installed) {
            return null;
        }
        return (int) run("nvidia-smi", "-L").lines().filter(l -> l.startsWith("GPU ")).count();
    }

    private static String run(String... command) {
        Path executable =
                Stream.of("/sbin", "/usr/sbin", "/usr/bin", "/bin")
                        .map(dir -> Path.of(dir, command[0]))
                        .filter(Files::isExecutable)
                        .findFirst()
                        .orElse(Path.of(command[0]));
        try {
            Process process =
                    new ProcessBuilder(
                                    Stream.concat(
                                                    Stream.of(executable.toString()),
                                                    Stream.of(command).skip(1))
                                            .toList())
                            .redirectErrorStream(true)
                            .start();
            String output =
                    new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("%s ended", executable).isTrue();
            assertThat(process.exitValue()).as("%s: %s", executable, output).isZero();
            return output;
        } catch (IOException e) {
            throw new AssertionError(
                    command[0] + " did not run (Debian package libc-bin for ldconfig): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static List<String> logged(Supplier<KernelDispatcher> selection) {
        Logger logger = (Logger) LoggerFactory.getLogger(KernelBackends.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        Level level = logger.getLevel();
        logger.setLevel(Level.INFO);
        logger.addAppender(appender);
        try {
            selection.get().close();
            return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(level);
        }
    }
}

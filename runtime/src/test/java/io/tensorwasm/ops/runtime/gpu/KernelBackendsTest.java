package io.tensorwasm.ops.runtime.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tensorwasm.ops.runtime.RuntimeConfig;
import io.tensorwasm.ops.runtime.RuntimeServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Backend selection on this machine, which has no NVIDIA driver (docs/KERNELS.md): JCuda's native
 * binding fails to load {@code libcuda.so.1}, and that failure is what {@code auto} falls back on
 * and what a forced {@code cuda} stops on.
 */
class KernelBackendsTest {

    private static final String NO_DRIVER =
            "JCuda's driver binding did not load: libcuda.so.1: cannot open shared object file: No"
                    + " such file or directory";

    @TempDir Path dataDir;

    @Test
    void probeReportsTheDriverLibraryJCudaCouldNotLoad() {
        CudaProbe probe = CudaProbe.once();
        assertThat(probe.available()).isFalse();
        assertThat(probe.devices()).isZero();
        assertThat(probe.reason()).isEqualTo(NO_DRIVER);
    }

    @Test
    void autoFallsBackToTheCpuAndLogsOneLineWithTheReason() {
        List<String> lines = logged(() -> KernelBackends.select(GpuMode.AUTO));
        assertThat(lines)
                .containsExactly(
                        "kernel backend cpu (TENSOR_WASM_GPU=auto): CUDA unavailable: "
                                + NO_DRIVER);
    }

    @Test
    void autoRunsKernelsOnTheCpu() {
        try (KernelDispatcher kernels = KernelBackends.select(GpuMode.AUTO)) {
            assertThat(kernels.backend()).isEqualTo(Backend.CPU);
        }
    }

    @Test
    void cpuIsTakenWithoutProbing() {
        List<String> lines = logged(() -> KernelBackends.select(GpuMode.CPU));
        assertThat(lines)
                .containsExactly("kernel backend cpu (TENSOR_WASM_GPU=cpu): as configured");
    }

    @Test
    void forcedCudaWithoutADeviceStopsTheServerAtStartBeforeOpeningTheRegistry() {
        RuntimeConfig config =
                RuntimeConfig.builder().port(0).dataDir(dataDir).gpu(GpuMode.CUDA).build();
        assertThatThrownBy(() -> RuntimeServer.start(config).close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(
                        "TENSOR_WASM_GPU=cuda: no usable CUDA device: "
                                + NO_DRIVER
                                + "; set TENSOR_WASM_GPU=auto or cpu to run kernels on the CPU");
        assertThat(Files.exists(dataDir.resolve("registry.mv.db"))).isFalse();
    }

    @Test
    void rejectsAnUnknownMode() {
        assertThatThrownBy(() -> GpuMode.parse("gpu"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("\"gpu\": TENSOR_WASM_GPU must be auto, cuda or cpu");
        assertThat(GpuMode.parse(" CUDA ")).isEqualTo(GpuMode.CUDA);
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

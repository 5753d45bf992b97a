package io.tensorwasm.ops.runtime.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import io.tensorwasm.ops.runtime.metrics.BuildInfo;
import io.tensorwasm.ops.runtime.metrics.RuntimeMetrics;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class KernelImportsTest {

    private final RuntimeMetrics metrics =
            new RuntimeMetrics(BuildInfo.of("v0.0.0", "test", "dev"), Backend.CPU.label());

    private final Kernel doubler =
            new Kernel(
                    "double",
                    FunctionType.of(List.of(ValType.I32), List.of(ValType.I32)),
                    (instance, args) -> new long[] {args[0] * 2});

    @Test
    void guestCallsAKernelAndTheDispatchIsCounted() throws Exception {
        KernelImports imports =
                new KernelImports(KernelDispatcher.cpu(Map.of("double", doubler)), metrics);
        byte[] wasm;
        try (InputStream in = getClass().getResourceAsStream("/modules/calls-kernel.wasm")) {
            wasm = Objects.requireNonNull(in, "calls-kernel.wasm").readAllBytes();
        }
        Instance instance =
                Instance.builder(Parser.parse(wasm)).withImportValues(imports.imports()).build();
        assertThat(instance.export("run").apply(21)[0]).isEqualTo(42);
        String text = new String(metrics.scrape(), StandardCharsets.UTF_8);
        assertThat(text)
                .contains("tensor_wasm_kernel_dispatches_total{backend=\"cpu\"} 1.0")
                .contains("tensor_wasm_kernel_dispatch_duration_seconds_count{backend=\"cpu\"} 1");
    }

    @Test
    void providesOnlyItsOwnKernels() {
        KernelImports imports =
                new KernelImports(KernelDispatcher.cpu(Map.of("double", doubler)), metrics);
        assertThat(imports.provides("tensor_wasm", "double")).isTrue();
        assertThat(imports.provides("tensor_wasm", "triple")).isFalse();
        assertThat(imports.provides("env", "double")).isFalse();
        assertThat(imports.backend()).isEqualTo(Backend.CPU);
    }
}

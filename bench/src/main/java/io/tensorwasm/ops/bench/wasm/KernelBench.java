package io.tensorwasm.ops.bench.wasm;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The 128 x 128 matmul through the {@code tensor_wasm.matmul} host import (compiled guest, the
 * backend {@code auto} picks); its baselines are {@link WasmComputeBench#matmulCompiler()} and V8
 * running the pure-Wasm module. {@link #tinyKernel()} samples a 1 x 1 x 1 matmul, the round trip
 * guest to kernel and back, for the dispatch percentiles.
 */
@State(Scope.Benchmark)
public class KernelBench {

    private ExportFunction matmul;
    private ExportFunction tiny;

    @Setup
    public void setUp() {
        Instance guest =
                Guests.compiled("matmul-kernel", Guests.kernels(Guests.metrics()).imports());
        guest.export("fill").apply(WasmComputeBench.N);
        matmul = guest.export("multiply");
        Instance small =
                Guests.compiled("matmul-kernel", Guests.kernels(Guests.metrics()).imports());
        small.export("fill").apply(1);
        tiny = small.export("multiply");
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public long[] matmulKernel() {
        return matmul.apply(WasmComputeBench.N);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public long[] tinyKernel() {
        return tiny.apply(1);
    }
}

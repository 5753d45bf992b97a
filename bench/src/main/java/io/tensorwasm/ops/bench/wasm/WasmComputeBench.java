package io.tensorwasm.ops.bench.wasm;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.ImportValues;
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
 * Wasm compute on Chicory: {@code fib(27)} and a 128 x 128 f32 matmul, interpreted and compiled.
 * bench/run times the same {@code .wasm} files on Node's V8 in the same run (the baseline).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class WasmComputeBench {

    static final int FIB = 27;
    static final int N = 128;

    private ExportFunction fibInterpreted;
    private ExportFunction fibCompiled;
    private ExportFunction matmulInterpreted;
    private ExportFunction matmulCompiled;

    @Setup
    public void setUp() {
        fibInterpreted = Guests.interpreted("fib", ImportValues.empty()).export("fib");
        fibCompiled = Guests.compiled("fib", ImportValues.empty()).export("fib");
        Instance interpreted = Guests.interpreted("matmul", ImportValues.empty());
        interpreted.export("fill").apply(N);
        matmulInterpreted = interpreted.export("multiply");
        Instance compiled = Guests.compiled("matmul", ImportValues.empty());
        compiled.export("fill").apply(N);
        matmulCompiled = compiled.export("multiply");
    }

    @Benchmark
    public long fibInterpreter() {
        return fibInterpreted.apply(FIB)[0];
    }

    @Benchmark
    public long fibCompiler() {
        return fibCompiled.apply(FIB)[0];
    }

    @Benchmark
    public long[] matmulInterpreter() {
        return matmulInterpreted.apply(N);
    }

    @Benchmark
    public long[] matmulCompiler() {
        return matmulCompiled.apply(N);
    }
}

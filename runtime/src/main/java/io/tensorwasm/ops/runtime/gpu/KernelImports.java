package io.tensorwasm.ops.runtime.gpu;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import com.dylibso.chicory.wasm.types.Value;
import io.tensorwasm.ops.runtime.gpu.LinearMemory.Span;
import io.tensorwasm.ops.runtime.metrics.RuntimeMetrics;
import io.tensorwasm.ops.runtime.metrics.RuntimeMetrics.KernelSeries;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The host-import module {@value #MODULE}: float32 kernels on arrays in the calling guest's linear
 * memory, run by a {@link KernelDispatcher}. Pointers are byte offsets, lengths count floats, both
 * unsigned i32; every array is checked against the memory before anything is read, and a bad one
 * traps. Inputs are read in full before the output is written, so an output may overlap an input.
 * docs/KERNELS.md is the reference.
 *
 * <pre>{@code
 * (import "tensor_wasm" "saxpy"   (func (param i32 f32 i32 i32)))          ;; n a x y: y = a*x + y
 * (import "tensor_wasm" "vec_add" (func (param i32 i32 i32 i32)))          ;; n x y out
 * (import "tensor_wasm" "dot"     (func (param i32 i32 i32) (result f32))) ;; n x y
 * (import "tensor_wasm" "sum"     (func (param i32 i32) (result f32)))     ;; n x
 * (import "tensor_wasm" "matmul"  (func (param i32 i32 i32 i32 i32 i32)))  ;; m k n a b c
 * }</pre>
 */
public final class KernelImports {

    /** The import module name guests use for kernels. */
    public static final String MODULE = "tensor_wasm";

    /** The kernels, by import name, in the order of docs/KERNELS.md. */
    public static final List<String> KERNELS = List.of("saxpy", "vec_add", "dot", "sum", "matmul");

    private static final ValType I32 = ValType.I32;

    private final KernelDispatcher dispatcher;
    private final Map<String, KernelSeries> series = new HashMap<>();
    private final List<Kernel> kernels;
    private final ImportValues imports;

    public KernelImports(KernelDispatcher dispatcher, RuntimeMetrics metrics) {
        this.dispatcher = dispatcher;
        for (String kernel : KERNELS) {
            series.put(kernel, metrics.kernelSeries(dispatcher.backend().label(), kernel));
        }
        this.kernels =
                List.of(
                        new Kernel("saxpy", type(List.of(I32, ValType.F32, I32, I32)), this::saxpy),
                        new Kernel("vec_add", type(List.of(I32, I32, I32, I32)), this::vecAdd),
                        new Kernel("dot", type(List.of(I32, I32, I32), ValType.F32), this::dot),
                        new Kernel("sum", type(List.of(I32, I32), ValType.F32), this::sum),
                        new Kernel(
                                "matmul",
                                type(List.of(I32, I32, I32, I32, I32, I32)),
                                this::matmul));
        this.imports =
                ImportValues.builder()
                        .withFunctions(
                                kernels.stream()
                                        .<ImportFunction>map(
                                                k ->
                                                        new HostFunction(
                                                                MODULE, k.name(), k.type(),
                                                                k.body()))
                                        .toList())
                        .build();
    }

    /** True when a guest may import {@code module.name} as a function. */
    public boolean provides(String module, String name) {
        return MODULE.equals(module) && KERNELS.contains(name);
    }

    /** The import values every instance is built with. */
    public ImportValues imports() {
        return imports;
    }

    /** The kernels with their Wasm signatures. */
    public List<Kernel> kernels() {
        return kernels;
    }

    /** The backend the kernels run on. */
    public Backend backend() {
        return dispatcher.backend();
    }

    private long[] saxpy(Instance instance, long... args) {
        Dispatch dispatch = called("saxpy");
        LinearMemory memory = LinearMemory.of(instance, "saxpy");
        Span x = memory.vector("x", args[2], args[0]);
        Span y = memory.vector("y", args[3], args[0]);
        float[] ys = memory.read(y);
        dispatcher.saxpy(Value.longToFloat(args[1]), memory.read(x), ys, dispatch);
        memory.write(y, ys);
        return null;
    }

    private long[] vecAdd(Instance instance, long... args) {
        Dispatch dispatch = called("vec_add");
        LinearMemory memory = LinearMemory.of(instance, "vec_add");
        Span x = memory.vector("x", args[1], args[0]);
        Span y = memory.vector("y", args[2], args[0]);
        Span out = memory.vector("out", args[3], args[0]);
        float[] result = new float[out.floats()];
        dispatcher.vecAdd(memory.read(x), memory.read(y), result, dispatch);
        memory.write(out, result);
        return null;
    }

    private long[] dot(Instance instance, long... args) {
        Dispatch dispatch = called("dot");
        LinearMemory memory = LinearMemory.of(instance, "dot");
        Span x = memory.vector("x", args[1], args[0]);
        Span y = memory.vector("y", args[2], args[0]);
        float result = dispatcher.dot(memory.read(x), memory.read(y), dispatch);
        return new long[] {Value.floatToLong(result)};
    }

    private long[] sum(Instance instance, long... args) {
        Dispatch dispatch = called("sum");
        LinearMemory memory = LinearMemory.of(instance, "sum");
        float result = dispatcher.sum(memory.read(memory.vector("x", args[1], args[0])), dispatch);
        return new long[] {Value.floatToLong(result)};
    }

    private long[] matmul(Instance instance, long... args) {
        Dispatch dispatch = called("matmul");
        LinearMemory memory = LinearMemory.of(instance, "matmul");
        Span a = memory.matrix("a", args[3], args[0], args[1]);
        Span b = memory.matrix("b", args[4], args[1], args[2]);
        Span c = memory.matrix("c", args[5], args[0], args[2]);
        // Empty matrices pass the span checks whatever their other dimension; bound each one too.
        int m = memory.dimension("m", args[0]);
        int k = memory.dimension("k", args[1]);
        int n = memory.dimension("n", args[2]);
        float[] result = new float[c.floats()];
        dispatcher.matmul(new Matrices(m, k, n, memory.read(a), memory.read(b), result), dispatch);
        memory.write(c, result);
        return null;
    }

    private Dispatch called(String kernel) {
        return new Dispatch(series.get(kernel), System.nanoTime());
    }

    private static FunctionType type(List<ValType> params, ValType... results) {
        return FunctionType.of(params, List.of(results));
    }
}

package io.tensorwasm.ops.runtime.gpu;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import io.tensorwasm.ops.runtime.metrics.RuntimeMetrics;
import java.util.ArrayList;
import java.util.List;

/**
 * The host imports a guest may declare: one function per kernel under the module name {@value
 * #MODULE}, each dispatch counted and timed in {@code tensor_wasm_kernel_dispatch*}.
 *
 * <pre>{@code
 * (import "tensor_wasm" "saxpy" (func $saxpy (param i32 i32 i32) (result i32)))
 * }</pre>
 */
public final class KernelImports {

    /** The import module name guests use for kernels. */
    public static final String MODULE = "tensor_wasm";

    private final KernelDispatcher dispatcher;
    private final ImportValues imports;

    public KernelImports(KernelDispatcher dispatcher, RuntimeMetrics metrics) {
        this.dispatcher = dispatcher;
        List<HostFunction> functions = new ArrayList<>();
        String backend = dispatcher.backend().label();
        for (Kernel kernel : dispatcher.kernels().values()) {
            functions.add(
                    new HostFunction(
                            MODULE,
                            kernel.name(),
                            kernel.type(),
                            (instance, args) -> {
                                long start = System.nanoTime();
                                try {
                                    return kernel.body().apply(instance, args);
                                } finally {
                                    metrics.kernelDispatched(backend, System.nanoTime() - start);
                                }
                            }));
        }
        this.imports = ImportValues.builder().withFunctions(List.copyOf(functions)).build();
    }

    /** True when a guest may import {@code module.name} as a function. */
    public boolean provides(String module, String name) {
        return MODULE.equals(module) && dispatcher.kernels().containsKey(name);
    }

    /** The import values every instance is built with. */
    public ImportValues imports() {
        return imports;
    }

    /** The backend the kernels run on. */
    public Backend backend() {
        return dispatcher.backend();
    }
}

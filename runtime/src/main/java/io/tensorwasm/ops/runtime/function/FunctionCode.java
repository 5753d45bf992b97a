package io.tensorwasm.ops.runtime.function;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import java.util.function.Function;

/**
 * What instances of a function are built from: the parsed module and Chicory's compiled machines,
 * the part worth caching and the part that costs memory (issue #16).
 *
 * @param wasm the parsed module
 * @param machines the compiled machine factory, or null to run on the interpreter
 * @param memoryLimits the module's memory limits with the cap applied, or null without a memory
 * @param weight its estimated footprint in bytes, as the code cache weighs it
 */
record FunctionCode(
        WasmModule wasm,
        Function<Instance, Machine> machines,
        MemoryLimits memoryLimits,
        int weight) {

    /**
     * A compiled module holds about 110 KiB plus 29 bytes per module byte (heap, metaspace and
     * code; Chicory 1.6's compiler on i32 arithmetic, measured for issue #16), rounded up.
     */
    static int weigh(long moduleBytes) {
        return (int) Math.min(Integer.MAX_VALUE, 128L * 1024 + 32L * moduleBytes);
    }

    /** How the code runs. */
    ExecutionMode mode() {
        return machines == null ? ExecutionMode.INTERPRETED : ExecutionMode.COMPILED;
    }
}

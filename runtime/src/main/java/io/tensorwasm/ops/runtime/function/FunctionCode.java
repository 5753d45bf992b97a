package io.tensorwasm.ops.runtime.function;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import java.util.function.Function;

/**
 * What instances of a function are built from: the parsed module and, once compiled, Chicory's
 * machines; the part worth caching and the part that costs memory (issue #16). Parsed code runs on
 * the interpreter while the compiler works in the background (issue #22); {@code settled} says that
 * nothing is left to compile: the machines are there, the compiler refused the module, or the
 * server runs everything interpreted.
 *
 * @param wasm the parsed module
 * @param machines the compiled machine factory, or null to run on the interpreter
 * @param memoryLimits the module's memory limits with the cap applied, or null without a memory
 * @param bounds the exports whose calls provably end within a few instructions
 * @param weight its estimated footprint in bytes, as the code cache weighs it
 * @param settled whether this is the code the function keeps
 * @param stateless whether an instance has no state at all ({@link #stateless(WasmModule)})
 */
record FunctionCode(
        WasmModule wasm,
        Function<Instance, Machine> machines,
        MemoryLimits memoryLimits,
        InstructionBounds bounds,
        int weight,
        boolean settled,
        boolean stateless) {

    /**
     * Whether an instance of the module holds no state that a call could change or leave behind: no
     * memory, table, global, data or element segment, exception tag or start function, imported or
     * its own. A call of such an instance computes from its arguments alone, so no call can tell a
     * reused instance from a fresh one (issue #22: building one was a tenth of an invoke's work).
     */
    static boolean stateless(WasmModule wasm) {
        for (int i = 0; i < wasm.importSection().importCount(); i++) {
            if (wasm.importSection().getImport(i).importType() != ExternalType.FUNCTION) {
                return false;
            }
        }
        return (wasm.memorySection().isEmpty() || wasm.memorySection().get().memoryCount() == 0)
                && wasm.tableSection().tableCount() == 0
                && wasm.globalSection().globalCount() == 0
                && wasm.dataSection().dataSegmentCount() == 0
                && wasm.elementSection().elementCount() == 0
                && (wasm.tagSection().isEmpty() || wasm.tagSection().get().tagCount() == 0)
                && wasm.startSection().isEmpty();
    }

    /**
     * A compiled module holds about 110 KiB plus 29 bytes per module byte (heap, metaspace and
     * code; Chicory 1.6's compiler on i32 arithmetic, measured for issue #16), rounded up.
     */
    static int weigh(long moduleBytes) {
        return (int) Math.min(Integer.MAX_VALUE, 128L * 1024 + 32L * moduleBytes);
    }

    /**
     * A parsed module holds about 27 bytes of heap per module byte (one object per instruction;
     * measured for issue #22 on 10 KB to 1 MB modules of i32 arithmetic), rounded up.
     */
    static int weighParsed(long moduleBytes) {
        return (int) Math.min(Integer.MAX_VALUE, 16L * 1024 + 28L * moduleBytes);
    }

    /** The same module with its compiled machines, weighed as compiled. */
    FunctionCode compiled(Function<Instance, Machine> factory, long moduleBytes) {
        return new FunctionCode(
                wasm, factory, memoryLimits, bounds, weigh(moduleBytes), true, stateless);
    }

    /** The same code, with nothing left to compile. */
    FunctionCode settle() {
        return settled
                ? this
                : new FunctionCode(wasm, machines, memoryLimits, bounds, weight, true, stateless);
    }

    /** How the code runs now. */
    ExecutionMode mode() {
        return machines == null ? ExecutionMode.INTERPRETED : ExecutionMode.COMPILED;
    }

    /**
     * Whether a call of the export may run on the caller's thread: its bound is within {@link
     * InstructionBounds#INLINE_COMPILED}, or {@link InstructionBounds#INLINE_INTERPRETED} while it
     * runs on the interpreter.
     */
    boolean inline(String export) {
        return bounds.within(
                export,
                machines == null
                        ? InstructionBounds.INLINE_INTERPRETED
                        : InstructionBounds.INLINE_COMPILED);
    }
}

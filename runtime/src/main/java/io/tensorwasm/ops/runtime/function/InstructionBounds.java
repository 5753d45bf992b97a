package io.tensorwasm.ops.runtime.function;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.AnnotatedInstruction;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.MemorySection;
import com.dylibso.chicory.wasm.types.OpCode;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The most Wasm instructions one call of each export can execute, for the exports whose code proves
 * such a bound within a cap (issue #22). A call proves one when nothing it can reach loops: no
 * {@code loop}, no recursion in its call graph, no {@code call_indirect} and no call to a host
 * function, and every instruction takes constant time (no {@code memory.grow}, no bulk memory or
 * table operation, no atomics). Branches then only jump forward, so a function body runs each of
 * its instructions at most once per call, and a call's bound is its body's length plus the bounds
 * of the calls it makes. The start function runs at every instantiation, so it counts too, and so
 * does an instance that is costly to build (more than one memory page, large tables or data).
 *
 * <p>Such a call ends within microseconds whatever its arguments, so the invoker may run it on the
 * caller's thread, the event loop included; everything else runs on a worker under the deadline.
 *
 * <pre>{@code
 * InstructionBounds bounds = InstructionBounds.of(wasm, 10_000);
 * bounds.of("add");   // OptionalLong[4] for ok.wasm; empty for endless.run
 * }</pre>
 */
final class InstructionBounds {

    /**
     * The most instructions a compiled call may run on the caller's thread; about 10 us of the
     * event loop at the worst (docs/BENCHMARKS.md, {@code InvokeBench.inlineWorst*}).
     */
    static final long INLINE_COMPILED = 10_000;

    /** The same on the interpreter, which is about 30 times slower per instruction. */
    static final long INLINE_INTERPRETED = 1_000;

    /** Memory pages an instance may start with and still be built inline: one, 64 KiB. */
    static final long INLINE_MEMORY_PAGES = 1;

    /** Table elements and data bytes an inline instance may initialise. */
    static final long INLINE_TABLE_ELEMENTS = 1024;

    static final long INLINE_DATA_BYTES = 64 * 1024;

    private static final long UNKNOWN = -1;
    private static final long VISITING = -2;
    private static final long UNBOUNDED = Long.MAX_VALUE;

    /** Instructions that take constant time whatever their operands. */
    private static final Set<OpCode> CONSTANT_TIME = constantTime();

    private final Map<String, Long> byExport;

    private InstructionBounds(Map<String, Long> byExport) {
        this.byExport = byExport;
    }

    /** No export proves a bound: what a module that is never inlined has. */
    static InstructionBounds none() {
        return new InstructionBounds(Map.of());
    }

    /** The bound of every export whose calls provably execute at most {@code cap} instructions. */
    static InstructionBounds of(WasmModule wasm, long cap) {
        if (!cheapInstance(wasm)) {
            return none();
        }
        Walk walk = new Walk(wasm, cap);
        long start =
                wasm.startSection().isPresent()
                        ? walk.bound((int) wasm.startSection().get().startIndex())
                        : 0;
        Map<String, Long> bounds = new LinkedHashMap<>();
        for (int i = 0; i < wasm.exportSection().exportCount(); i++) {
            Export export = wasm.exportSection().getExport(i);
            if (export.exportType() != ExternalType.FUNCTION || start == UNBOUNDED) {
                continue;
            }
            long call = walk.bound(export.index());
            if (call != UNBOUNDED && start + call <= cap) {
                bounds.put(export.name(), start + call);
            }
        }
        return new InstructionBounds(Map.copyOf(bounds));
    }

    /** The export's bound, or empty when its code proves none within the cap. */
    OptionalLong of(String export) {
        Long bound = byExport.get(export);
        return bound == null ? OptionalLong.empty() : OptionalLong.of(bound);
    }

    /** Whether a call of the export ends within {@code cap} instructions. */
    boolean within(String export, long cap) {
        Long bound = byExport.get(export);
        return bound != null && bound <= cap;
    }

    private static boolean cheapInstance(WasmModule wasm) {
        if (wasm.memorySection().isPresent()) {
            MemorySection memories = wasm.memorySection().get();
            for (int i = 0; i < memories.memoryCount(); i++) {
                if (memories.getMemory(i).limits().initialPages() > INLINE_MEMORY_PAGES) {
                    return false;
                }
            }
        }
        long elements = 0;
        for (int i = 0; i < wasm.tableSection().tableCount(); i++) {
            elements += wasm.tableSection().getTable(i).limits().min();
        }
        long data = 0;
        for (int i = 0; i < wasm.dataSection().dataSegmentCount(); i++) {
            data += wasm.dataSection().getDataSegment(i).data().length;
        }
        return elements <= INLINE_TABLE_ELEMENTS && data <= INLINE_DATA_BYTES;
    }

    /**
     * Bounds of functions by their index, each worked out once. The call graph is walked with a
     * stack of its own rather than by recursion: a module may chain thousands of functions.
     */
    private static final class Walk {

        private final WasmModule wasm;
        private final long cap;
        private final int imported;
        private final long[] bound;

        Walk(WasmModule wasm, long cap) {
            this.wasm = wasm;
            this.cap = cap;
            this.imported = wasm.importSection().count(ExternalType.FUNCTION);
            this.bound = new long[imported + wasm.codeSection().functionBodyCount()];
            Arrays.fill(bound, UNKNOWN);
        }

        /** The bound of the function at the index, or UNBOUNDED. */
        long bound(int root) {
            if (root < imported || root >= bound.length) {
                return UNBOUNDED;
            }
            if (bound[root] != UNKNOWN) {
                return bound[root] == VISITING ? UNBOUNDED : bound[root];
            }
            Deque<Frame> stack = new ArrayDeque<>();
            if (!push(stack, root)) {
                return UNBOUNDED;
            }
            while (!stack.isEmpty()) {
                Frame top = stack.peek();
                if (top.next == top.callees.length) {
                    stack.pop();
                    bound[top.function] = top.sum;
                    if (!stack.isEmpty() && !add(stack, top.sum)) {
                        return UNBOUNDED;
                    }
                    continue;
                }
                int callee = top.callees[top.next++];
                long known =
                        callee < imported || callee >= bound.length ? UNBOUNDED : bound[callee];
                if (known == UNKNOWN) {
                    if (!push(stack, callee)) {
                        return giveUp(stack);
                    }
                } else if (known == VISITING || !add(stack, known)) {
                    // Recursion, a host call or a callee over the cap: so is every caller above.
                    return giveUp(stack);
                }
            }
            return bound[root];
        }

        private boolean push(Deque<Frame> stack, int function) {
            Frame frame =
                    Frame.of(function, wasm.codeSection().getFunctionBody(function - imported));
            if (frame == null || frame.sum > cap) {
                bound[function] = UNBOUNDED;
                giveUp(stack);
                return false;
            }
            bound[function] = VISITING;
            stack.push(frame);
            return true;
        }

        /** Adds a callee's bound to the caller on top; false once the sum passes the cap. */
        private boolean add(Deque<Frame> stack, long callee) {
            Frame caller = stack.peek();
            caller.sum = callee == UNBOUNDED ? UNBOUNDED : caller.sum + callee;
            if (caller.sum > cap) {
                giveUp(stack);
                return false;
            }
            return true;
        }

        private long giveUp(Deque<Frame> stack) {
            for (Frame frame : stack) {
                bound[frame.function] = UNBOUNDED;
            }
            stack.clear();
            return UNBOUNDED;
        }
    }

    /** One function on the walk's stack: its own length so far and the calls it makes. */
    private static final class Frame {

        final int function;
        final int[] callees;
        int next;
        long sum;

        private Frame(int function, int[] callees, long length) {
            this.function = function;
            this.callees = callees;
            this.sum = length;
        }

        /** The function's frame, or null when an instruction of it takes unbounded time. */
        static Frame of(int function, FunctionBody body) {
            int[] callees = new int[body.instructions().size()];
            int calls = 0;
            for (AnnotatedInstruction instruction : body.instructions()) {
                OpCode op = instruction.opcode();
                if (op == OpCode.CALL) {
                    callees[calls++] = (int) instruction.operand(0);
                } else if (!CONSTANT_TIME.contains(op)) {
                    return null;
                }
            }
            return new Frame(function, Arrays.copyOf(callees, calls), body.instructions().size());
        }
    }

    private static Set<OpCode> constantTime() {
        Set<OpCode> ops =
                EnumSet.of(
                        OpCode.UNREACHABLE,
                        OpCode.NOP,
                        OpCode.BLOCK,
                        OpCode.IF,
                        OpCode.ELSE,
                        OpCode.END,
                        OpCode.BR,
                        OpCode.BR_IF,
                        OpCode.BR_TABLE,
                        OpCode.RETURN,
                        OpCode.DROP,
                        OpCode.SELECT,
                        OpCode.SELECT_T,
                        OpCode.LOCAL_GET,
                        OpCode.LOCAL_SET,
                        OpCode.LOCAL_TEE,
                        OpCode.GLOBAL_GET,
                        OpCode.GLOBAL_SET,
                        OpCode.TABLE_GET,
                        OpCode.TABLE_SET,
                        OpCode.TABLE_SIZE,
                        OpCode.REF_NULL,
                        OpCode.REF_IS_NULL,
                        OpCode.REF_FUNC);
        for (OpCode op : OpCode.values()) {
            int code = op.opcode();
            // Loads, stores and memory.size; constants and scalar arithmetic; saturating
            // truncations. memory.grow (0x40) sits between them and is left out.
            if ((code >= 0x28 && code <= 0x3F)
                    || (code >= 0x41 && code <= 0xC4)
                    || (code >= 0xFC00 && code <= 0xFC07)) {
                ops.add(op);
            }
        }
        return ops;
    }
}

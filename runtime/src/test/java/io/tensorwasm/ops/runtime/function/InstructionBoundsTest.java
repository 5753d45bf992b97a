package io.tensorwasm.ops.runtime.function;

import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import io.tensorwasm.ops.testkit.WasmCorpus;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Which calls provably end within a few instructions, and so may run on the caller's thread. */
class InstructionBoundsTest {

    private static final long CAP = InstructionBounds.INLINE_COMPILED;

    @Test
    void boundsStraightLineCodeByItsLength() {
        InstructionBounds ok = bounds(WasmCorpus.bytes("ok"));
        // local.get, local.get, i32.add, end
        assertThat(ok.of("add")).hasValue(4);
        assertThat(bounds(WasmCorpus.bytes("trap")).of("run")).isPresent();
    }

    @Test
    void addsTheBoundsOfTheFunctionsACallReaches() {
        InstructionBounds bounds = bounds(TestFunctions.testModule("bounds"));
        assertThat(bounds.of("straight")).hasValue(4 + 2 * 4);
        assertThat(bounds.of("branches")).isPresent();
    }

    @Test
    void provesNoBoundForLoopsRecursionIndirectCallsOrGrowingMemory() {
        InstructionBounds bounds = bounds(TestFunctions.testModule("bounds"));
        for (String export : new String[] {"loops", "recurses", "indirect", "grows", "fills"}) {
            assertThat(bounds.of(export)).as(export).isEmpty();
        }
        assertThat(bounds(WasmCorpus.bytes("endless")).of("run")).isEmpty();
        assertThat(bounds(WasmCorpus.bytes("memory-hog")).of("run")).isEmpty();
        assertThat(bounds(WasmCorpus.bytes("fib")).of("fib")).isEmpty();
    }

    @Test
    void provesNoBoundForCallsOfHostFunctionsOrCostlyInstances() {
        // Host kernels take time that grows with their arguments; the module has 2 memory pages.
        InstructionBounds kernels = bounds(TestFunctions.testModule("kernels"));
        assertThat(kernels.of("sum")).isEmpty();
        assertThat(kernels.of("dot")).isEmpty();
    }

    @Test
    void aStartFunctionWithoutABoundLeavesEveryExportWithoutOne() {
        assertThat(bounds(TestFunctions.testModule("start-loops")).of("add")).isEmpty();
    }

    @Test
    void countsEveryCallOfAFunctionReachedTwice() {
        // run calls its predecessor twice, down 10 levels: 4 * (2^10 - 1) + 2 * 2^10.
        assertThat(bounds(TestFunctions.callChain(10, 2)).of("run")).hasValue(6_140);
        // 2^40 calls: no cycle, but far past the cap; worked out without walking them.
        assertThat(bounds(TestFunctions.callChain(40, 2)).of("run")).isEmpty();
    }

    @Test
    void walksALongChainOfCallsWithoutExhaustingTheStack() {
        assertThat(bounds(TestFunctions.callChain(50_000, 1)).of("run")).isEmpty();
        OptionalLong within = bounds(TestFunctions.callChain(3_000, 1)).of("run");
        assertThat(within).hasValue(2 + 3_000L * 3);
    }

    @Test
    void appliesTheInterpretersLowerCapToParsedCode() {
        InstructionBounds chain = bounds(TestFunctions.callChain(8, 2));
        long bound = chain.of("run").orElseThrow();
        assertThat(bound).isBetween(InstructionBounds.INLINE_INTERPRETED, CAP);
        assertThat(chain.within("run", CAP)).isTrue();
        assertThat(chain.within("run", InstructionBounds.INLINE_INTERPRETED)).isFalse();
    }

    private static InstructionBounds bounds(byte[] wasm) {
        WasmModule module = Parser.parse(wasm);
        return InstructionBounds.of(module, CAP);
    }
}

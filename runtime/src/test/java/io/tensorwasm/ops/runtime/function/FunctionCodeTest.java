package io.tensorwasm.ops.runtime.function;

import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.wasm.Parser;
import io.tensorwasm.ops.testkit.WasmCorpus;
import org.junit.jupiter.api.Test;

/** Which modules have no state at all, so a thread may reuse its instance (issue #22). */
class FunctionCodeTest {

    @Test
    void aModuleOfFunctionsAloneIsStateless() {
        assertThat(FunctionCode.stateless(Parser.parse(WasmCorpus.bytes("ok")))).isTrue();
        assertThat(FunctionCode.stateless(Parser.parse(WasmCorpus.bytes("fib")))).isTrue();
        assertThat(FunctionCode.stateless(Parser.parse(WasmCorpus.bytes("trap")))).isTrue();
        assertThat(FunctionCode.stateless(Parser.parse(TestFunctions.testModule("no-memory"))))
                .as("imports a function, which is no state")
                .isTrue();
    }

    @Test
    void aMemoryATableOrAGlobalIsState() {
        assertThat(FunctionCode.stateless(Parser.parse(WasmCorpus.bytes("memory-hog")))).isFalse();
        assertThat(FunctionCode.stateless(Parser.parse(TestFunctions.testModule("small-table"))))
                .isFalse();
        assertThat(FunctionCode.stateless(Parser.parse(TestFunctions.testModule("counter"))))
                .isFalse();
        assertThat(FunctionCode.stateless(Parser.parse(TestFunctions.testModule("start-loops"))))
                .as("a start function")
                .isFalse();
    }
}

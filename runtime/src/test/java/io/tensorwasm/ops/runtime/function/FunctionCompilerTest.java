package io.tensorwasm.ops.runtime.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tensorwasm.ops.testkit.WasmCorpus;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FunctionCompilerTest {

    @Test
    void rejectsModuleWithoutMagicHeader() {
        byte[] bytes = WasmCorpus.bytes("malformed");
        assertThatThrownBy(
                        () ->
                                TestFunctions.compile(
                                        "bad",
                                        bytes,
                                        ExecutionMode.COMPILED,
                                        64 * TestFunctions.MIB))
                .isInstanceOf(MalformedModuleException.class)
                .hasMessage(
                        "\"bad\": not a Wasm module: starts with [4e 4f 54 57] instead of the magic"
                                + " header [00 61 73 6d]");
    }

    @Test
    void rejectsTruncatedModuleWithChicorysReason() {
        byte[] truncated = Arrays.copyOf(WasmCorpus.bytes("ok"), 20);
        assertThatThrownBy(
                        () ->
                                TestFunctions.compile(
                                        "cut",
                                        truncated,
                                        ExecutionMode.COMPILED,
                                        64 * TestFunctions.MIB))
                .isInstanceOf(MalformedModuleException.class)
                .hasMessageStartingWith("\"cut\": invalid Wasm module: ");
    }

    @Test
    void rejectsModuleOverTheSizeCap() {
        FunctionCompiler small =
                new FunctionCompiler(
                        ExecutionMode.COMPILED, 8, 64 * TestFunctions.MIB, TestFunctions.kernels());
        byte[] ok = WasmCorpus.bytes("ok");
        assertThatThrownBy(() -> small.compile(TestFunctions.module("ok", ok.length), ok))
                .isInstanceOf(BodyTooLargeException.class)
                .hasMessage(ok.length + " bytes: module \"ok\" is over the 8-byte module limit");
    }

    @Test
    void rejectsImportsTheRuntimeDoesNotProvide() {
        byte[] bytes = TestFunctions.testModule("imports-env");
        assertThatThrownBy(
                        () ->
                                TestFunctions.compile(
                                        "clocked",
                                        bytes,
                                        ExecutionMode.COMPILED,
                                        64 * TestFunctions.MIB))
                .isInstanceOf(MalformedModuleException.class)
                .hasMessage(
                        "\"clocked\": imports env.clock, which the runtime does not provide; it"
                                + " provides only tensor_wasm kernel functions");
    }

    @Test
    void compiledModeCompilesAtDeploy() {
        CompiledFunction ok = TestFunctions.corpus("ok", ExecutionMode.COMPILED);
        assertThat(ok.mode()).isEqualTo(ExecutionMode.COMPILED);
        assertThat(ok.exports())
                .containsExactly(new ExportSignature("add", List.of("i32", "i32"), List.of("i32")));
    }

    @Test
    void fallsBackToTheInterpreterWhenTheCompilerRefusesTheModule() {
        byte[] wasm = TestFunctions.longFunction(80_000);
        CompiledFunction big =
                TestFunctions.compile("big", wasm, ExecutionMode.COMPILED, 64 * TestFunctions.MIB);
        assertThat(big.mode()).isEqualTo(ExecutionMode.INTERPRETED);
        try (Invoker invoker = new Invoker(1, 1, TestFunctions.metrics())) {
            assertThat(
                            invoker.invoke(
                                            big,
                                            new Invocation("sum", List.of(5)),
                                            Duration.ofSeconds(30),
                                            () -> {})
                                    .join()
                                    .values())
                    .containsExactly(80_005);
        }
    }

    @Test
    void compilesAFunctionThatFitsAJvmMethod() {
        CompiledFunction small =
                TestFunctions.compile(
                        "small",
                        TestFunctions.longFunction(1_000),
                        ExecutionMode.COMPILED,
                        64 * TestFunctions.MIB);
        assertThat(small.mode()).isEqualTo(ExecutionMode.COMPILED);
    }

    @Test
    void interpretedModeSkipsTheCompiler() {
        assertThat(TestFunctions.corpus("fib", ExecutionMode.INTERPRETED).mode())
                .isEqualTo(ExecutionMode.INTERPRETED);
    }

    @Test
    void emptyModuleDeploysWithoutExports() {
        CompiledFunction empty = TestFunctions.corpus("empty", ExecutionMode.COMPILED);
        assertThat(empty.exports()).isEmpty();
        assertThatThrownBy(() -> empty.export(null))
                .isInstanceOf(InvalidInvocationException.class)
                .hasMessage("empty (fn_test_empty): exports no function to invoke");
    }

    @Test
    void asksForAnExportNameWhenThereAreSeveral() {
        CompiledFunction mixed =
                TestFunctions.compile(
                        "mixed",
                        TestFunctions.testModule("mixed"),
                        ExecutionMode.COMPILED,
                        64 * TestFunctions.MIB);
        assertThatThrownBy(() -> mixed.export(""))
                .isInstanceOf(InvalidInvocationException.class)
                .hasMessage("mixed (fn_test_mixed): exports [scale, neg]; name one in \"export\"");
        assertThatThrownBy(() -> mixed.export("nope"))
                .hasMessage(
                        "\"nope\": mixed (fn_test_mixed) exports no such function; it exports"
                                + " [scale, neg]");
    }
}

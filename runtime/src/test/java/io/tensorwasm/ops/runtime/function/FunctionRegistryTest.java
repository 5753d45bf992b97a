package io.tensorwasm.ops.runtime.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tensorwasm.ops.runtime.store.Database;
import io.tensorwasm.ops.runtime.store.FunctionEntry;
import io.tensorwasm.ops.runtime.store.FunctionStore;
import io.tensorwasm.ops.testkit.WasmCorpus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry's code cache stays within its budget and every function still runs (issue #16); code
 * is parsed at deploy (64 KiB and more) or on first use, and compiled in the background from its
 * first use in memory (issue #22).
 */
class FunctionRegistryTest {

    @TempDir Path dir;
    private Database database;
    private final List<FunctionRegistry> registries = new ArrayList<>();
    private final Invoker invoker = new Invoker(2, 16, TestFunctions.metrics());

    @BeforeEach
    void open() {
        database = Database.open(Database.h2Url(dir), "", "");
    }

    @AfterEach
    void close() {
        invoker.close();
        registries.forEach(FunctionRegistry::close);
        database.close();
    }

    @Test
    void keepsCodeWithinItsBudgetAndParsesAgainWhatFellOut() throws Exception {
        long budget = 2L * FunctionCode.weigh(WasmCorpus.bytes("ok").length);
        FunctionRegistry registry = registry(new RegistryLimits(100, 1 << 20, budget));
        List<CompiledFunction> deployed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            deployed.add(registry.deploy("7", "adder-" + i, WasmCorpus.bytes("ok")));
        }
        // Small modules: a deploy keeps none of them in memory.
        assertThat(registry.cached().functions()).isZero();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < deployed.size(); i++) {
                assertThat(add(deployed.get(i), i, round)).containsExactly(i + round);
                assertThat(registry.cached().bytes()).isLessThanOrEqualTo(budget);
            }
            awaitCompiles(registry);
        }
        assertThat(registry.cached().compiled()).isLessThanOrEqualTo(2);
        assertThat(registry.cached().bytes()).isLessThanOrEqualTo(budget);
        assertThat(registry.list("7")).hasSize(5);
    }

    @Test
    void answersFirstInvokesOnTheInterpreterAndCompilesInTheBackground() throws Exception {
        FunctionRegistry registry = registry(new RegistryLimits(100, 1 << 20, 16 << 20));
        byte[] wasm = TestFunctions.longFunction(30_000);
        assertThat(wasm.length).isGreaterThanOrEqualTo(FunctionRegistry.KEEP_PARSED_FROM_BYTES);
        CompiledFunction big = registry.deploy("7", "big", wasm);
        // A large module's deploy keeps the code it parsed: its first invoke needs no parse.
        assertThat(big.loadedCode().mode()).isEqualTo(ExecutionMode.INTERPRETED);
        assertThat(registry.cached().compiled()).isZero();
        assertThat(sum(big, 5)).containsExactly(30_005);
        awaitCompiles(registry);
        assertThat(big.loadedCode().mode()).isEqualTo(ExecutionMode.COMPILED);
        assertThat(registry.cached().compiled()).isEqualTo(1);
        assertThat(sum(big, 6)).containsExactly(30_006);
        assertThat(big.mode()).isEqualTo(ExecutionMode.COMPILED);
        assertThat(entry(big).compiles()).isTrue();
    }

    @Test
    void aSmallModuleIsParsedByItsFirstInvokeWhichQueuesItsCompileAllTheSame() throws Exception {
        FunctionRegistry registry = registry(new RegistryLimits(100, 1 << 20, 1 << 20));
        CompiledFunction fib = registry.deploy("7", "fib", WasmCorpus.bytes("fib"));
        assertThat(registry.cached().functions()).as("modules in memory after the deploy").isZero();
        assertThat(fib(fib, 20)).containsExactly(6765);
        awaitCompiles(registry);
        assertThat(registry.cached().compiled()).as("compiled after its first invoke").isEqualTo(1);
        assertThat(fib.loadedCode().mode()).isEqualTo(ExecutionMode.COMPILED);
        assertThat(fib(fib, 10)).containsExactly(55);
        assertThat(entry(fib).compiles()).isTrue();
    }

    @Test
    void aRestartedRegistryParsesAFunctionOnItsFirstUseAndCompilesItOnTheNext() throws Exception {
        String id =
                registry(new RegistryLimits(100, 1 << 20, 1 << 20))
                        .deploy("7", "adder", WasmCorpus.bytes("ok"))
                        .module()
                        .id();
        FunctionRegistry restarted = registry(new RegistryLimits(100, 1 << 20, 1 << 20));
        assertThat(restarted.load()).isEqualTo(1);
        assertThat(restarted.cached().functions()).isZero();
        assertThat(restarted.get(id).exports())
                .containsExactly(new ExportSignature("add", List.of("i32", "i32"), List.of("i32")));
        assertThat(restarted.get(id).mode()).isEqualTo(ExecutionMode.COMPILED);
        assertThat(add(restarted.get(id), 40, 2)).containsExactly(42);
        assertThat(restarted.cached().functions()).isEqualTo(1);
        assertThat(restarted.compiling()).isZero();
        assertThat(add(restarted.get(id), 1, 2)).containsExactly(3);
        awaitCompiles(restarted);
        assertThat(restarted.cached().compiled()).isEqualTo(1);
    }

    @Test
    void aCallWhoseDeadlinePassesWhileItsCodeLoadsEndsAsATimeoutAndNeverStarts() throws Exception {
        // About 900 KB: tens of milliseconds to read and parse, against a deadline of 1 ms.
        String id =
                registry(new RegistryLimits(100, 16 << 20, 64 << 20))
                        .deploy("7", "long", TestFunctions.longFunction(300_000))
                        .module()
                        .id();
        FunctionRegistry restarted = registry(new RegistryLimits(100, 16 << 20, 64 << 20));
        restarted.load();
        CompiledFunction cold = restarted.get(id);
        List<Boolean> started = new ArrayList<>();

        assertThatThrownBy(
                        () ->
                                invoker.invoke(
                                                cold,
                                                new Invocation("sum", List.of(1)),
                                                Duration.ofMillis(1),
                                                () -> started.add(true))
                                        .join())
                .hasCauseInstanceOf(FunctionTimeoutException.class)
                .hasMessageEndingWith(
                        "long.sum: waited its whole 1 ms deadline for its code to be read and"
                                + " parsed; not started");
        assertThat(sum(cold, 1)).containsExactly(300_001);
        assertThat(started).as("the timed-out call's guest").isEmpty();
    }

    @Test
    void aModuleTheCompilerRefusesIsRecordedAndNeverOfferedToItAgain() throws Exception {
        FunctionRegistry registry = registry(new RegistryLimits(100, 1 << 20, 16 << 20));
        CompiledFunction big = registry.deploy("7", "big", TestFunctions.longFunction(80_000));
        assertThat(sum(big, 5)).containsExactly(80_005);
        awaitCompiles(registry);
        assertThat(big.mode()).isEqualTo(ExecutionMode.INTERPRETED);
        assertThat(entry(big).compiles()).isFalse();

        FunctionRegistry restarted = registry(new RegistryLimits(100, 1 << 20, 16 << 20));
        restarted.load();
        CompiledFunction again = restarted.get(big.module().id());
        assertThat(again.mode()).isEqualTo(ExecutionMode.INTERPRETED);
        assertThat(sum(again, 1)).containsExactly(80_001);
        assertThat(restarted.compiling()).isZero();
        assertThat(again.loadedCode().settled()).isTrue();
    }

    @Test
    void aReplicaFollowsWhatAnotherReplicaDeploysAndDeletesInTheSharedDatabase() {
        RegistryLimits limits = new RegistryLimits(100, 1 << 20, 1 << 20);
        FunctionRegistry first = registry(limits);
        FunctionRegistry second = registry(limits);
        second.load();
        String id = first.deploy("7", "adder", WasmCorpus.bytes("ok")).module().id();

        assertThatThrownBy(() -> second.get(id)).isInstanceOf(UnknownFunctionException.class);
        assertThat(second.refresh()).isEqualTo(new FunctionRegistry.Refreshed(1, 0));
        assertThat(add(second.get(id), 40, 2)).containsExactly(42);
        assertThat(second.refresh()).isEqualTo(new FunctionRegistry.Refreshed(0, 0));

        first.delete(id);

        assertThat(second.refresh()).isEqualTo(new FunctionRegistry.Refreshed(0, 1));
        assertThatThrownBy(() -> second.get(id)).isInstanceOf(UnknownFunctionException.class);
        assertThat(second.cached().functions()).isZero();
    }

    private FunctionRegistry registry(RegistryLimits limits) {
        FunctionRegistry registry =
                new FunctionRegistry(
                        new FunctionStore(database.dataSource()),
                        TestFunctions.compiler(ExecutionMode.COMPILED, 64 * TestFunctions.MIB),
                        limits);
        registries.add(registry);
        return registry;
    }

    private FunctionEntry entry(CompiledFunction function) {
        return new FunctionStore(database.dataSource())
                .entries().stream()
                        .filter(e -> e.id().equals(function.module().id()))
                        .findFirst()
                        .orElseThrow();
    }

    /** Waits for the background compiler to finish what it was given; a minute at most. */
    private static void awaitCompiles(FunctionRegistry registry) throws InterruptedException {
        for (int i = 0; i < 6_000 && registry.compiling() > 0; i++) {
            Thread.sleep(10);
        }
        assertThat(registry.compiling()).as("functions still compiling").isZero();
    }

    private List<Object> add(CompiledFunction function, int a, int b) {
        return call(function, "add", List.of(a, b));
    }

    private List<Object> fib(CompiledFunction function, int n) {
        return call(function, "fib", List.of(n));
    }

    private List<Object> sum(CompiledFunction function, int n) {
        return call(function, "sum", List.of(n));
    }

    private List<Object> call(CompiledFunction function, String export, List<Object> args) {
        return new ArrayList<>(
                invoker.invoke(
                                function,
                                new Invocation(export, args),
                                Duration.ofSeconds(30),
                                () -> {})
                        .join()
                        .values());
    }
}

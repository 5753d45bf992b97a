package io.tensorwasm.ops.runtime.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tensorwasm.ops.runtime.store.Database;
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

/** The registry's code cache stays within its budget and every function still runs (issue #16). */
class FunctionRegistryTest {

    @TempDir Path dir;
    private Database database;
    private final Invoker invoker = new Invoker(2, 16, TestFunctions.metrics());

    @BeforeEach
    void open() {
        database = Database.open(Database.h2Url(dir), "", "");
    }

    @AfterEach
    void close() {
        invoker.close();
        database.close();
    }

    @Test
    void keepsCompiledCodeWithinItsBudgetAndRecompilesWhatFellOut() {
        long budget = 2L * FunctionCode.weigh(WasmCorpus.bytes("ok").length);
        FunctionRegistry registry = registry(new RegistryLimits(100, 1 << 20, budget));
        List<CompiledFunction> deployed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            deployed.add(registry.deploy("7", "adder-" + i, WasmCorpus.bytes("ok")));
        }
        assertThat(registry.cached().functions()).isEqualTo(2);
        assertThat(registry.cached().bytes()).isLessThanOrEqualTo(budget);
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < deployed.size(); i++) {
                assertThat(add(deployed.get(i), i, round)).containsExactly(i + round);
                assertThat(registry.cached().bytes()).isLessThanOrEqualTo(budget);
            }
        }
        assertThat(registry.list("7")).hasSize(5);
    }

    @Test
    void aRestartedRegistryCompilesNothingUntilAFunctionIsUsed() {
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
        return new FunctionRegistry(
                new FunctionStore(database.dataSource()),
                TestFunctions.compiler(ExecutionMode.COMPILED, 64 * TestFunctions.MIB),
                limits);
    }

    private List<Object> add(CompiledFunction function, int a, int b) {
        return new ArrayList<>(
                invoker.invoke(
                                function,
                                new Invocation("add", List.of(a, b)),
                                Duration.ofSeconds(5),
                                () -> {})
                        .join()
                        .values());
    }
}

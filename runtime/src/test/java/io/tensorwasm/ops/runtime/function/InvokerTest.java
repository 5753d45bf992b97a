package io.tensorwasm.ops.runtime.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tensorwasm.ops.runtime.gpu.KernelImports;
import io.tensorwasm.ops.runtime.metrics.RuntimeMetrics;
import io.tensorwasm.ops.testkit.WasmCorpus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class InvokerTest {

    private final RuntimeMetrics metrics = TestFunctions.metrics();
    private final Invoker invoker = new Invoker(2, 4, metrics);

    @AfterEach
    void close() {
        invoker.close();
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void addsTwoNumbers(ExecutionMode mode) {
        InvocationResult result =
                invoker.invoke(
                                TestFunctions.corpus("ok", mode),
                                new Invocation(null, List.of(2, 3)),
                                Duration.ofSeconds(5),
                                () -> {})
                        .join();
        assertThat(result.export()).isEqualTo("add");
        assertThat(result.values()).containsExactly(5);
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void stopsEndlessFunctionAtDeadline(ExecutionMode mode) throws Exception {
        CompiledFunction endless = TestFunctions.corpus("endless", mode);
        long start = System.nanoTime();
        CompletableFuture<InvocationResult> result =
                invoker.invoke(
                        endless, new Invocation(null, List.of()), Duration.ofMillis(200), () -> {});
        assertThatThrownBy(result::join)
                .isInstanceOf(CompletionException.class)
                .cause()
                .isInstanceOf(FunctionTimeoutException.class)
                .hasMessage("endless.run: still running at its 200 ms deadline; stopped");
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(elapsedMillis).isBetween(200L, 2_000L);
        awaitIdle();
        assertThat(invoker.busyWorkers()).isZero();
        assertThat(
                        invoker.invoke(
                                        TestFunctions.corpus("ok", mode),
                                        new Invocation(null, List.of(1, 1)),
                                        Duration.ofSeconds(5),
                                        () -> {})
                                .join()
                                .values())
                .containsExactly(2);
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void memoryHogTrapsNamingTheCap(ExecutionMode mode) {
        CompiledFunction hog =
                TestFunctions.compile(
                        "memory-hog", WasmCorpus.bytes("memory-hog"), mode, 4 * TestFunctions.MIB);
        assertThatThrownBy(
                        () ->
                                invoker.invoke(
                                                hog,
                                                new Invocation(null, List.of()),
                                                Duration.ofSeconds(10),
                                                () -> {})
                                        .join())
                .cause()
                .isInstanceOf(FunctionTrapException.class)
                .hasMessage(
                        "memory-hog.run: trapped: out of bounds memory access after memory"
                                + " reached the per-instance cap of 4 MiB (64 pages)");
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void reportsTheTrapMessage(ExecutionMode mode) {
        assertThatThrownBy(
                        () ->
                                invoker.invoke(
                                                TestFunctions.corpus("trap", mode),
                                                new Invocation(null, List.of()),
                                                Duration.ofSeconds(5),
                                                () -> {})
                                        .join())
                .cause()
                .isInstanceOf(FunctionTrapException.class)
                .hasMessage("trap.run: trapped: Trapped on unreachable instruction");
    }

    /** Issue #22: no hand-off where none is needed. */
    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void runsACallThatProvablyEndsOnTheCallersThread(ExecutionMode mode) {
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        CompletableFuture<InvocationResult> result =
                invoker.invoke(
                        TestFunctions.corpus("ok", mode),
                        new Invocation("add", List.of(2, 3)),
                        Duration.ofSeconds(5),
                        () -> ranOn.set(Thread.currentThread()));
        assertThat(result).isCompleted();
        assertThat(result.join().values()).containsExactly(5);
        assertThat(ranOn.get()).isSameAs(Thread.currentThread());
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void runsACallThatMayLoopOnAWorker(ExecutionMode mode) {
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        CompletableFuture<InvocationResult> result =
                invoker.invoke(
                        TestFunctions.compile(
                                "bounds",
                                TestFunctions.testModule("bounds"),
                                mode,
                                64 * TestFunctions.MIB),
                        new Invocation("loops", List.of(1000)),
                        Duration.ofSeconds(5),
                        () -> ranOn.set(Thread.currentThread()));
        assertThat(result.join().values()).containsExactly(0);
        assertThat(ranOn.get().getName()).startsWith("tensor-wasm-worker-");
    }

    @Test
    void submitsAJobsCallToAWorkerEvenWhenItCouldRunInline() {
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        InvocationResult result =
                invoker.submit(
                                TestFunctions.corpus("ok", ExecutionMode.COMPILED),
                                new Invocation("add", List.of(2, 3)),
                                Duration.ofSeconds(5),
                                () -> ranOn.set(Thread.currentThread()))
                        .join();
        assertThat(result.values()).containsExactly(5);
        assertThat(ranOn.get().getName()).startsWith("tensor-wasm-worker-");
    }

    /**
     * Issue #22: a thread reuses its instance only of a module without state, so a global's value
     * never survives a call, and a call after a trap answers as if nothing had happened before.
     */
    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void noStateSurvivesACallWhetherItsInstanceIsReusedOrNot(ExecutionMode mode) {
        CompiledFunction counter =
                TestFunctions.compile(
                        "counter",
                        TestFunctions.testModule("counter"),
                        mode,
                        64 * TestFunctions.MIB);
        CompiledFunction ok = TestFunctions.corpus("ok", mode);
        CompiledFunction trap = TestFunctions.corpus("trap", mode);
        for (int i = 0; i < 3; i++) {
            assertThat(call(counter, "next", List.of())).containsExactly(1);
            assertThat(call(ok, "add", List.of(i, 1))).containsExactly(i + 1);
            assertThatThrownBy(() -> call(trap, "run", List.of()))
                    .cause()
                    .isInstanceOf(FunctionTrapException.class);
        }
    }

    private List<Number> call(CompiledFunction function, String export, List<Object> args) {
        return invoker.invoke(
                        function, new Invocation(export, args), Duration.ofSeconds(5), () -> {})
                .join()
                .values();
    }

    @Test
    void rejectsWorkBeyondTheQueue() throws Exception {
        CompiledFunction endless = TestFunctions.corpus("endless", ExecutionMode.COMPILED);
        Duration deadline = Duration.ofSeconds(2);
        for (int i = 0; i < 6; i++) {
            invoker.invoke(endless, new Invocation(null, List.of()), deadline, () -> {});
        }
        CompletableFuture<InvocationResult> rejected =
                invoker.invoke(endless, new Invocation(null, List.of()), deadline, () -> {});
        assertThatThrownBy(rejected::join)
                .cause()
                .isInstanceOf(CapacityExceededException.class)
                .hasMessage("4 invocations queued: the worker queue is full; retry later");
    }

    @Test
    void checksArgumentsBeforeQueueing() {
        CompiledFunction ok = TestFunctions.corpus("ok", ExecutionMode.COMPILED);
        assertThatThrownBy(
                        () ->
                                invoker.invoke(
                                        ok,
                                        new Invocation("add", List.of(1)),
                                        Duration.ofSeconds(1),
                                        () -> {}))
                .isInstanceOf(InvalidInvocationException.class)
                .hasMessage("1 arguments: ok.add takes 2 [i32, i32]");
    }

    @Test
    void convertsFloatAndLongArguments() {
        CompiledFunction mixed =
                TestFunctions.compile(
                        "mixed",
                        TestFunctions.testModule("mixed"),
                        ExecutionMode.COMPILED,
                        64 * TestFunctions.MIB);
        assertThat(
                        invoker.invoke(
                                        mixed,
                                        new Invocation("scale", List.of(1.5, 4)),
                                        Duration.ofSeconds(5),
                                        () -> {})
                                .join()
                                .values())
                .containsExactly(6.0);
        assertThat(
                        invoker.invoke(
                                        mixed,
                                        new Invocation("neg", List.of(9_000_000_000L)),
                                        Duration.ofSeconds(5),
                                        () -> {})
                                .join()
                                .values())
                .containsExactly(-9_000_000_000L);
    }

    /**
     * Issue #16: a host function that throws something other than a trap (a kernel's {@code new
     * float[negative]}) left the invoke, its job and the gauges waiting forever.
     */
    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void endsAnInvokeWhoseHostFunctionThrowsAnything(ExecutionMode mode) throws Exception {
        List<Supplier<Throwable>> failures =
                List.of(
                        () -> new NegativeArraySizeException("-2147483648"),
                        () -> new IllegalStateException("kernel bug"),
                        () -> new OutOfMemoryError("Java heap space"));
        for (Supplier<Throwable> failure : failures) {
            CompiledFunction kernels =
                    TestFunctions.compileWith(
                            new KernelImports(new ThrowingKernels(failure), metrics),
                            "kernels",
                            mode);
            Duration deadline = Duration.ofMillis(500);
            CompletableFuture<InvocationResult> result =
                    invoker.invoke(
                            kernels, new Invocation("sum", List.of(0, 0)), deadline, () -> {});
            String thrown = failure.get().getClass().getName();
            assertThatThrownBy(() -> result.get(deadline.toMillis() + 1_000, TimeUnit.MILLISECONDS))
                    .as(thrown)
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isExactlyInstanceOf(FunctionException.class)
                    .hasMessage(
                            "kernels.sum: failed in the runtime ("
                                    + thrown
                                    + "); see the server log");
        }
        awaitIdle();
        assertThat(new String(metrics.scrape(), StandardCharsets.UTF_8))
                .contains("tensor_wasm_invocations_total{outcome=\"error\"} 3.0")
                .contains("tensor_wasm_active_instances 0.0");
    }

    /**
     * Chicory 1.6 keeps a table's size in its module's limits, which {@code table.grow} raises for
     * every later instance of that module: one invoke's grow leaked into the next (found for issue
     * #16). Each instance starts at the declared size.
     */
    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void aTableGrownByOneInvokeStartsAtItsDeclaredSizeInTheNext(ExecutionMode mode) {
        CompiledFunction tables =
                TestFunctions.compile(
                        "small-table",
                        TestFunctions.testModule("small-table"),
                        mode,
                        64 * TestFunctions.MIB);
        for (int i = 0; i < 3; i++) {
            assertThat(grow(tables, 5)).as("invoke %d", i).containsExactly(10);
        }
        assertThat(grow(tables, 11)).containsExactly(-1);
        assertThat(grow(tables, 10)).containsExactly(10);
        assertThat(grow(tables, 0)).containsExactly(10);
    }

    private List<Number> grow(CompiledFunction tables, int delta) {
        return invoker.invoke(
                        tables,
                        new Invocation("run", List.of(delta)),
                        Duration.ofSeconds(5),
                        () -> {})
                .join()
                .values();
    }

    private void awaitIdle() throws InterruptedException {
        for (int i = 0; i < 100 && invoker.busyWorkers() > 0; i++) {
            Thread.sleep(10);
        }
    }
}

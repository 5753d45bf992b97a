package io.tensorwasm.ops.runtime.function;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.runtime.gpu.GpuMode;
import io.tensorwasm.ops.runtime.gpu.KernelBackends;
import io.tensorwasm.ops.runtime.gpu.KernelImports;
import io.tensorwasm.ops.runtime.metrics.RuntimeMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every host import, called from a guest with arbitrary i32 arguments, ends within the invoke
 * deadline + 1 s with a result or a trap, and leaves no instance running (issue #16, finding 2).
 * The guest is {@code modules/kernels.wat}, which re-exports each kernel as it is.
 */
class HostImportsPropertyTest {

    private static final Logger logger = LoggerFactory.getLogger(HostImportsPropertyTest.class);
    private static final Duration DEADLINE = Duration.ofSeconds(2);

    /** The 2-page memory of {@code kernels.wat}. */
    private static final int MEMORY_BYTES = 131_072;

    private static final long BOUND_MILLIS = DEADLINE.toMillis() + 1_000;

    private static RuntimeMetrics metrics;
    private static Invoker invoker;
    private static CompiledFunction kernels;
    private static final AtomicInteger calls = new AtomicInteger();
    private static final AtomicLong worstNanos = new AtomicLong();

    @BeforeContainer
    static void start() {
        metrics = TestFunctions.metrics();
        invoker = new Invoker(2, 16, metrics);
        kernels =
                TestFunctions.compileWith(
                        new KernelImports(KernelBackends.select(GpuMode.CPU), metrics),
                        "kernels",
                        ExecutionMode.COMPILED);
    }

    @AfterContainer
    static void stop() {
        invoker.close();
        logger.info(
                "{} host import calls, worst invoke {} ms (bound {} ms)",
                calls.get(),
                TimeUnit.NANOSECONDS.toMillis(worstNanos.get()),
                BOUND_MILLIS);
    }

    @Property(tries = 1000)
    void saxpyEnds(
            @ForAll("i32") int n, @ForAll float a, @ForAll("i32") int x, @ForAll("i32") int y)
            throws Exception {
        endsWithinTheDeadline("saxpy", n, a, x, y);
    }

    @Property(tries = 1000)
    void vecAddEnds(
            @ForAll("i32") int n,
            @ForAll("i32") int x,
            @ForAll("i32") int y,
            @ForAll("i32") int out)
            throws Exception {
        endsWithinTheDeadline("vec_add", n, x, y, out);
    }

    @Property(tries = 1000)
    void dotEnds(@ForAll("i32") int n, @ForAll("i32") int x, @ForAll("i32") int y)
            throws Exception {
        endsWithinTheDeadline("dot", n, x, y);
    }

    @Property(tries = 1000)
    void sumEnds(@ForAll("i32") int n, @ForAll("i32") int x) throws Exception {
        endsWithinTheDeadline("sum", n, x);
    }

    @Property(tries = 1000)
    void matmulEnds(
            @ForAll("i32") int m,
            @ForAll("i32") int k,
            @ForAll("i32") int n,
            @ForAll("i32") int a,
            @ForAll("i32") int b,
            @ForAll("i32") int c)
            throws Exception {
        endsWithinTheDeadline("matmul", m, k, n, a, b, c);
    }

    /**
     * Any i32, weighted towards what breaks kernels: small counts and offsets (so that empty and
     * in-bounds arrays come up often), the memory's size and its float count, and values whose
     * products or byte counts wrap around in 32 or 64 bits.
     */
    @Provide
    Arbitrary<Integer> i32() {
        Arbitrary<Integer> small = Arbitraries.integers().between(0, 64);
        Arbitrary<Integer> edges =
                Arbitraries.of(
                        0,
                        1,
                        2,
                        4,
                        181,
                        -1,
                        -4,
                        Integer.MIN_VALUE,
                        Integer.MAX_VALUE,
                        1 << 29,
                        1 << 30,
                        0x3fff_ffff,
                        MEMORY_BYTES,
                        MEMORY_BYTES - 4,
                        MEMORY_BYTES / 4,
                        MEMORY_BYTES / 4 + 1,
                        65_536);
        Arbitrary<Integer> any = Arbitraries.integers();
        List<Tuple2<Integer, Arbitrary<Integer>>> mix =
                List.of(Tuple.of(4, small), Tuple.of(3, edges), Tuple.of(3, any));
        return Arbitraries.frequencyOf(mix);
    }

    /** A result or a trap (or, on a starved machine, the deadline), and no other ending. */
    private static void endsWithinTheDeadline(String export, Object... args) throws Exception {
        long start = System.nanoTime();
        CompletableFuture<InvocationResult> result =
                invoker.invoke(kernels, new Invocation(export, List.of(args)), DEADLINE, () -> {});
        Throwable failure = null;
        try {
            result.get(BOUND_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            failure = e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError(
                    export + List.of(args) + ": no answer within " + BOUND_MILLIS + " ms", e);
        }
        worstNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
        calls.incrementAndGet();
        if (failure != null) {
            assertThat(failure)
                    .as("%s%s", export, List.of(args))
                    .isInstanceOfAny(FunctionTrapException.class, FunctionTimeoutException.class);
        }
        assertThat(awaitNoActiveInstance()).as("%s%s", export, List.of(args)).isTrue();
    }

    private static boolean awaitNoActiveInstance() throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            String scrape = new String(metrics.scrape(), StandardCharsets.UTF_8);
            if (scrape.contains("tensor_wasm_active_instances 0.0")) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }
}

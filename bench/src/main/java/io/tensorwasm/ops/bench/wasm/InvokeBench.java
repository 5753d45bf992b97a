package io.tensorwasm.ops.bench.wasm;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import io.tensorwasm.ops.runtime.RuntimeConfig;
import io.tensorwasm.ops.runtime.api.RuntimeServices;
import io.tensorwasm.ops.runtime.function.CompiledFunction;
import io.tensorwasm.ops.runtime.function.Invocation;
import io.tensorwasm.ops.runtime.function.InvocationResult;
import io.tensorwasm.ops.testkit.WasmCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * An invoke through the runtime in process (fresh instance, argument checks, metrics, and the
 * worker pool with its deadline for calls that may loop; no HTTP) against calling the compiled
 * Chicory instance directly, for {@code fib(27)}, for {@code fib(1)} (a short call that still goes
 * to a worker: recursion) and for {@code ok.add(2, 3)} (which runs on the caller's thread, issue
 * #22). The {@code inlineWorst} pair is the longest call the runtime runs on the caller's thread,
 * on a fresh instance as the runtime builds one: 10,000 instructions compiled, 1,000 interpreted.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
public class InvokeBench {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private Path dataDir;
    private RuntimeServices services;
    private CompiledFunction fib;
    private CompiledFunction ok;
    private ExportFunction directFib;
    private ExportFunction directAdd;
    private WasmModule okModule;
    private Function<Instance, Machine> okMachines;
    private ExecutorService pool;
    private WasmModule worstCompiled;
    private Function<Instance, Machine> worstMachines;
    private WasmModule worstInterpreted;

    @Setup
    public void setUp() throws IOException {
        dataDir = Files.createTempDirectory("bench-invoke-");
        services = RuntimeServices.open(RuntimeConfig.builder().port(0).dataDir(dataDir).build());
        fib = services.registry().deploy("bench", "fib", WasmCorpus.bytes("fib"));
        ok = services.registry().deploy("bench", "ok", WasmCorpus.bytes("ok"));
        directFib = Guests.compiled("fib", ImportValues.empty()).export("fib");
        directAdd = Guests.compiled("ok", ImportValues.empty()).export("add");
        okModule = Guests.parse("ok");
        okMachines = MachineFactoryCompiler.compile(okModule);
        pool = Executors.newFixedThreadPool(2);
        worstCompiled = Parser.parse(Guests.straightLine(4_999));
        worstMachines = MachineFactoryCompiler.compile(worstCompiled);
        worstInterpreted = Parser.parse(Guests.straightLine(499));
        // Deployed code runs on the interpreter until the background compiler is done: measure
        // the compiled tier, as a warm function runs.
        fibRuntime();
        addRuntime();
        while (services.registry().compiling() > 0) {
            Thread.onSpinWait();
        }
    }

    @TearDown
    public void tearDown() throws IOException {
        pool.shutdownNow();
        services.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public InvocationResult fibRuntime() {
        return services.invoker()
                .invoke(
                        fib,
                        new Invocation("fib", List.of(WasmComputeBench.FIB)),
                        DEADLINE,
                        () -> {})
                .join();
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public long fibDirect() {
        return directFib.apply(WasmComputeBench.FIB)[0];
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public InvocationResult fibShortRuntime() {
        return services.invoker()
                .invoke(fib, new Invocation("fib", List.of(1)), DEADLINE, () -> {})
                .join();
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public long fibShortDirect() {
        return directFib.apply(1)[0];
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public long inlineWorstCompiled() {
        return Instance.builder(worstCompiled)
                .withMachineFactory(worstMachines)
                .withMemoryFactory(ByteArrayMemory::new)
                .build()
                .export("run")
                .apply(1)[0];
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public long inlineWorstInterpreted() {
        return Instance.builder(worstInterpreted)
                .withMemoryFactory(ByteArrayMemory::new)
                .build()
                .export("run")
                .apply(1)[0];
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public InvocationResult addRuntime() {
        return services.invoker()
                .invoke(ok, new Invocation("add", List.of(2, 3)), DEADLINE, () -> {})
                .join();
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public long addDirect() {
        return directAdd.apply(2, 3)[0];
    }

    /** Part of addRuntime's overhead: a fresh instance per call, as the runtime builds one. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public long addFreshInstance() {
        return Instance.builder(okModule)
                .withMachineFactory(okMachines)
                .withMemoryFactory(ByteArrayMemory::new)
                .build()
                .export("add")
                .apply(2, 3)[0];
    }

    /** Part of addRuntime's overhead: handing a call to a pool thread and waiting for it. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public long addHandOffOnly() {
        return CompletableFuture.supplyAsync(() -> directAdd.apply(2, 3)[0], pool).join();
    }
}

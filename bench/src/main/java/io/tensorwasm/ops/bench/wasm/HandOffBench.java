package io.tensorwasm.ops.bench.wasm;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.ImportValues;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The hand-off candidates of issue #22 for calls that cannot run on the caller's thread, each
 * round-tripping {@code ok.add} to a pool of 2 and back: the runtime's pool (a thread pool over an
 * array queue, whose idle workers park), the same pool over a transfer queue (whose idle workers
 * spin a little before they park), and workers that poll for 20 or 100 us after each task.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HandOffBench {

    private ExportFunction add;
    private ExecutorService arrayQueue;
    private ExecutorService transferQueue;
    private SpinningWorkers spin20;
    private SpinningWorkers spin100;

    @Setup
    public void setUp() {
        add = Guests.compiled("ok", ImportValues.empty()).export("add");
        arrayQueue =
                new ThreadPoolExecutor(
                        2, 2, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(256));
        transferQueue =
                new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS, new LinkedTransferQueue<>());
        spin20 = new SpinningWorkers(2, 256, 20);
        spin100 = new SpinningWorkers(2, 256, 100);
    }

    @TearDown
    public void tearDown() {
        arrayQueue.shutdownNow();
        transferQueue.shutdownNow();
        spin20.close();
        spin100.close();
    }

    @Benchmark
    public long poolArrayQueue() {
        return CompletableFuture.supplyAsync(() -> add.apply(2, 3)[0], arrayQueue).join();
    }

    @Benchmark
    public long poolTransferQueue() {
        return CompletableFuture.supplyAsync(() -> add.apply(2, 3)[0], transferQueue).join();
    }

    @Benchmark
    public long spinningWorkers20us() {
        return CompletableFuture.supplyAsync(() -> add.apply(2, 3)[0], spin20).join();
    }

    @Benchmark
    public long spinningWorkers100us() {
        return CompletableFuture.supplyAsync(() -> add.apply(2, 3)[0], spin100).join();
    }
}

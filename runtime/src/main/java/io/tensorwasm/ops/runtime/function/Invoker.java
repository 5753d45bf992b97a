package io.tensorwasm.ops.runtime.function;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.ChicoryException;
import io.tensorwasm.ops.runtime.metrics.RuntimeMetrics;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs invocations on a bounded worker pool, never on the caller's thread, each under a deadline.
 *
 * <p>Chicory stops a guest only when its thread is interrupted, so the deadline cancels the task
 * with interruption; the guest then throws {@link ChicoryInterruptedException}, which ends as a
 * {@link FunctionTimeoutException}, and the worker takes the next task (issue #4). The deadline
 * runs from submission, so it also bounds the time spent waiting for a worker: the caller's wait is
 * what a 504 promises to cap.
 *
 * <pre>{@code
 * try (Invoker invoker = new Invoker(2, 64, metrics)) {
 *     InvocationResult r = invoker.invoke(fn, new Invocation("add", List.of(2, 3)),
 *             Duration.ofSeconds(5), () -> {}).join();
 * }
 * }</pre>
 */
public final class Invoker implements AutoCloseable {

    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService deadlines;
    private final RuntimeMetrics metrics;

    public Invoker(int workerCount, int queueCapacity, RuntimeMetrics metrics) {
        this.metrics = metrics;
        this.workers =
                new ThreadPoolExecutor(
                        workerCount,
                        workerCount,
                        0,
                        TimeUnit.MILLISECONDS,
                        new ArrayBlockingQueue<>(queueCapacity),
                        named("tensor-wasm-worker"));
        ScheduledThreadPoolExecutor timer =
                new ScheduledThreadPoolExecutor(1, named("tensor-wasm-deadline"));
        timer.setRemoveOnCancelPolicy(true);
        this.deadlines = timer;
    }

    /**
     * Starts the invocation and returns its result; the future fails with a {@link
     * FunctionException}. Arguments are checked before anything is queued.
     *
     * @param onStart runs on the worker just before the guest starts (jobs turn running)
     */
    public CompletableFuture<InvocationResult> invoke(
            CompiledFunction function, Invocation call, Duration deadline, Runnable onStart) {
        ExportSignature export = function.export(call.export());
        long[] args = export.toWasm(function.module().name(), call.args());
        CompletableFuture<InvocationResult> result = new CompletableFuture<>();
        AtomicBoolean started = new AtomicBoolean();
        FutureTask<Void> task =
                new FutureTask<>(
                        () -> {
                            started.set(true);
                            run(function, export, args, deadline, onStart, result);
                        },
                        null);
        try {
            workers.execute(task);
        } catch (RejectedExecutionException e) {
            metrics.invocation("rejected");
            result.completeExceptionally(
                    new CapacityExceededException(
                            workers.getQueue().size()
                                    + " invocations queued: the worker queue is"
                                    + " full; retry later",
                            e));
            return result;
        }
        ScheduledFuture<?> timer =
                deadlines.schedule(
                        () -> {
                            // true also when the task was still queued: it then never starts.
                            if (task.cancel(true)) {
                                timedOut(function, export, deadline, started.get(), result);
                            }
                        },
                        deadline.toNanos(),
                        TimeUnit.NANOSECONDS);
        result.whenComplete((r, e) -> timer.cancel(false));
        return result;
    }

    /** Checks the export and the arguments as {@link #invoke} would, without running anything. */
    public void check(CompiledFunction function, Invocation call) {
        function.export(call.export()).toWasm(function.module().name(), call.args());
    }

    /** Workers running a guest right now. */
    public int busyWorkers() {
        return workers.getActiveCount();
    }

    private void run(
            CompiledFunction function,
            ExportSignature export,
            long[] args,
            Duration deadline,
            Runnable onStart,
            CompletableFuture<InvocationResult> result) {
        long start = System.nanoTime();
        onStart.run();
        metrics.instanceStarted();
        Instance instance = null;
        try {
            instance = function.instantiate();
            long[] raw = instance.export(export.name()).apply(args);
            if (result.complete(
                    new InvocationResult(
                            export.name(), export.fromWasm(raw), System.nanoTime() - start))) {
                metrics.invocation("success");
            }
        } catch (ChicoryInterruptedException e) {
            timedOut(function, export, deadline, true, result);
        } catch (ChicoryException e) {
            trapped(function, export, instance, e.getMessage(), result);
        } catch (StackOverflowError e) {
            trapped(function, export, instance, "call stack exhausted", result);
        } finally {
            metrics.instanceEnded();
        }
    }

    private void timedOut(
            CompiledFunction function,
            ExportSignature export,
            Duration deadline,
            boolean started,
            CompletableFuture<InvocationResult> result) {
        String where = function.module().name() + "." + export.name();
        String message =
                started
                        ? where
                                + ": still running at its "
                                + deadline.toMillis()
                                + " ms deadline; stopped"
                        : where
                                + ": waited its whole "
                                + deadline.toMillis()
                                + " ms deadline for a free worker; not started";
        if (result.completeExceptionally(new FunctionTimeoutException(message))) {
            metrics.invocation("timeout");
        }
    }

    private void trapped(
            CompiledFunction function,
            ExportSignature export,
            Instance instance,
            String chicoryMessage,
            CompletableFuture<InvocationResult> result) {
        String message = chicoryMessage == null ? "trap" : chicoryMessage;
        // The compiler adds the address to out-of-bounds traps; the interpreter does not. One
        // message for both keeps clients and tests independent of the execution mode.
        int detail = message.indexOf(": attempted to access");
        if (detail > 0) {
            message = message.substring(0, detail);
        }
        if (instance != null
                && instance.memory() != null
                && instance.memory().pages() >= function.memoryCapPages()) {
            message +=
                    " after memory reached the per-instance cap of "
                            + FunctionCompiler.capText(function.memoryCapPages());
        }
        if (result.completeExceptionally(
                new FunctionTrapException(
                        function.module().name()
                                + "."
                                + export.name()
                                + ": trapped: "
                                + message))) {
            metrics.invocation("trap");
        }
    }

    /** Stops taking work and interrupts running guests. */
    @Override
    public void close() {
        workers.shutdownNow();
        deadlines.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger sequence = new AtomicInteger();
        java.util.concurrent.ThreadFactory base = Executors.defaultThreadFactory();
        return runnable -> {
            Thread thread = base.newThread(runnable);
            thread.setName(prefix + "-" + sequence.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}

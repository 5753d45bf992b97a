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
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs invocations under a deadline: on a bounded worker pool, or on the caller's thread when the
 * call provably ends within a few instructions ({@link InstructionBounds}, issue #22).
 *
 * <p>Chicory stops a guest only when its thread is interrupted, so the deadline cancels the task
 * with interruption; the guest then throws {@link ChicoryInterruptedException}, which ends as a
 * {@link FunctionTimeoutException}, and the worker takes the next task (issue #4). The deadline
 * runs from the call's acceptance, so it also bounds the time spent waiting for a worker or for the
 * call's code to load: the caller's wait is what a 504 promises to cap, give or take the {@link
 * Deadlines#TICK} the deadlines are watched at. A call on the caller's thread is never interrupted:
 * it ends within its instruction bound, microseconds, so far inside any deadline; its memory cannot
 * grow.
 *
 * <p>A call whose code is not in memory (a small function not yet invoked, one a restart or the
 * code cache left on disk) has it read and parsed on a loader thread, not a worker, and then goes
 * on as if it had been in memory: on the loader's thread when it provably ends, else to a worker
 * with what is left of its deadline. So a cold function's parse never waits behind endless guests
 * that hold every worker, and no guest waits behind a parse.
 *
 * <pre>{@code
 * try (Invoker invoker = new Invoker(2, 64, metrics)) {
 *     InvocationResult r = invoker.invoke(fn, new Invocation("add", List.of(2, 3)),
 *             Duration.ofSeconds(5), () -> {}).join();
 * }
 * }</pre>
 */
public final class Invoker implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(Invoker.class);
    private final ThreadPoolExecutor workers;
    private final ThreadPoolExecutor loaders;
    private final Deadlines deadlines;

    /** Threads that read and parse code that is not in memory. */
    static final int LOADERS = 2;

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
        this.loaders =
                new ThreadPoolExecutor(
                        LOADERS,
                        LOADERS,
                        0,
                        TimeUnit.MILLISECONDS,
                        new ArrayBlockingQueue<>(queueCapacity),
                        named("tensor-wasm-loader"));
        this.deadlines = new Deadlines();
    }

    /**
     * Runs the invocation and returns its result; the future fails with a {@link
     * FunctionException}. Arguments are checked before anything runs. A call whose code is in
     * memory and provably ends within a few instructions runs on this thread and returns a future
     * already done (issue #22: no hand-off where none is needed); code not in memory is loaded on a
     * loader thread first; any other call goes to a worker.
     *
     * @param onStart runs just before the guest starts, on the thread that runs it
     */
    public CompletableFuture<InvocationResult> invoke(
            CompiledFunction function, Invocation call, Duration deadline, Runnable onStart) {
        Call running = call(function, call, deadline);
        FunctionCode code = function.loadedCode();
        return code == null ? load(running, onStart) : dispatch(running, code, onStart);
    }

    /** Runs the call on this thread when its code provably ends, else hands it to a worker. */
    private CompletableFuture<InvocationResult> dispatch(
            Call running, FunctionCode code, Runnable onStart) {
        if (code.inline(running.export().name())) {
            run(running, code, onStart);
            return running.result();
        }
        return submit(running, code, onStart);
    }

    /**
     * Loads the call's code on a loader thread, then dispatches the call there with what is left of
     * its deadline; a call whose deadline passes first ends as a timeout and never starts.
     */
    private CompletableFuture<InvocationResult> load(Call running, Runnable onStart) {
        AtomicBoolean settled = new AtomicBoolean();
        AtomicReference<Runnable> unwatch = new AtomicReference<>(() -> {});
        FutureTask<Void> task =
                new FutureTask<>(
                        () -> {
                            FunctionCode code;
                            try {
                                code = running.function().code();
                            } catch (RuntimeException | Error e) {
                                if (settled.compareAndSet(false, true)) {
                                    unwatch.get().run();
                                    notLoaded(running, e);
                                }
                                return;
                            }
                            if (!settled.compareAndSet(false, true)) {
                                return;
                            }
                            unwatch.get().run();
                            if (running.left().isNegative() || running.left().isZero()) {
                                timedOut(running, Stage.LOADING);
                                return;
                            }
                            dispatch(running, code, onStart);
                        },
                        null);
        if (!queued(loaders, task, running, "wait for their code to load: the loader")) {
            return running.result();
        }
        unwatch.set(
                deadlines.watch(
                        running.left(),
                        () -> {
                            if (settled.compareAndSet(false, true)) {
                                task.cancel(false);
                                timedOut(running, Stage.LOADING);
                            }
                        }));
        return running.result();
    }

    /**
     * Queues the task on the pool, or, when its queue is full, fails the call with a 503 that says
     * which queue: {@code "N invocations " + what + " queue is full; retry later"}.
     */
    private boolean queued(ThreadPoolExecutor pool, Runnable task, Call running, String what) {
        try {
            pool.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            metrics.invocation("rejected");
            running.result()
                    .completeExceptionally(
                            new CapacityExceededException(
                                    pool.getQueue().size()
                                            + " invocations "
                                            + what
                                            + " queue is full; retry later",
                                    e));
            return false;
        }
    }

    /** Code that could not be loaded: the function was deleted meanwhile, or worse. */
    private void notLoaded(Call running, Throwable e) {
        if (e instanceof FunctionException f) {
            if (running.result().completeExceptionally(f)) {
                metrics.invocation("error");
            }
        } else {
            failed(running, e);
        }
    }

    /**
     * Starts the invocation on a worker, whatever its code, and returns its result: an async job's
     * call, which its caller must not wait for.
     */
    public CompletableFuture<InvocationResult> submit(
            CompiledFunction function, Invocation call, Duration deadline, Runnable onStart) {
        return submit(call(function, call, deadline), null, onStart);
    }

    private static Call call(CompiledFunction function, Invocation call, Duration deadline) {
        ExportSignature export = function.export(call.export());
        return new Call(
                function,
                export,
                export.toWasm(function.module().name(), call.args()),
                deadline,
                System.nanoTime(),
                new CompletableFuture<>());
    }

    /** Runs the call on a worker, with its code, or its code loaded there first when null. */
    private CompletableFuture<InvocationResult> submit(
            Call running, FunctionCode code, Runnable onStart) {
        AtomicBoolean started = new AtomicBoolean();
        FutureTask<Void> task =
                new FutureTask<>(
                        () -> {
                            started.set(true);
                            run(running, code, onStart);
                        },
                        null);
        if (!queued(workers, task, running, "queued: the worker")) {
            return running.result();
        }
        Runnable watched =
                deadlines.watch(
                        running.left(),
                        () -> {
                            // true also when the task was still queued: it then never starts.
                            if (task.cancel(true)) {
                                timedOut(running, started.get() ? Stage.RUNNING : Stage.QUEUED);
                            }
                        });
        running.result().whenComplete((r, e) -> watched.run());
        return running.result();
    }

    /** Checks the export and the arguments as {@link #invoke} would, without running anything. */
    public void check(CompiledFunction function, Invocation call) {
        function.export(call.export()).toWasm(function.module().name(), call.args());
    }

    /** Workers running a guest right now. */
    public int busyWorkers() {
        return workers.getActiveCount();
    }

    /** Runs the call on this thread, with its code, or its code loaded first when null. */
    private void run(Call call, FunctionCode loaded, Runnable onStart) {
        long start = System.nanoTime();
        metrics.instanceStarted();
        Instance instance = null;
        boolean returned = false;
        try {
            onStart.run();
            FunctionCode code = loaded == null ? call.function().code() : loaded;
            instance = call.function().instance(code);
            long[] raw = instance.export(call.export().name()).apply(call.args());
            returned = true;
            InvocationResult value =
                    new InvocationResult(
                            call.export().name(),
                            call.export().fromWasm(raw),
                            System.nanoTime() - start);
            if (call.result().complete(value)) {
                metrics.invocation("success");
            }
        } catch (ChicoryInterruptedException e) {
            timedOut(call, Stage.RUNNING);
        } catch (ChicoryException e) {
            trapped(call, instance, e.getMessage());
        } catch (StackOverflowError e) {
            trapped(call, instance, "call stack exhausted");
        } catch (FunctionException e) {
            // Loading on first use failed as a category of its own (the function was deleted
            // meanwhile: 404).
            if (call.result().completeExceptionally(e)) {
                metrics.invocation("error");
            }
        } catch (RuntimeException | Error e) {
            // The worker hand-off is a boundary (catch only at boundaries): whatever a host
            // function or the
            // runtime throws, the call must still end, or its caller, its job and the gauges wait
            // forever (issue #16: a kernel's new float[negative]).
            failed(call, e);
        } finally {
            if (!returned) {
                call.function().forgetInstance();
            }
            metrics.instanceEnded();
        }
    }

    private void failed(Call call, Throwable cause) {
        logger.error("{} failed in the runtime", call.where(), cause);
        if (call.result()
                .completeExceptionally(
                        new FunctionException(
                                call.where()
                                        + ": failed in the runtime ("
                                        + cause.getClass().getName()
                                        + "); see the server log",
                                cause))) {
            metrics.invocation("error");
        }
    }

    /** Where a call was when its deadline passed. */
    private enum Stage {
        LOADING,
        QUEUED,
        RUNNING
    }

    private void timedOut(Call call, Stage where) {
        String millis = call.deadline().toMillis() + " ms deadline";
        String message =
                call.where()
                        + switch (where) {
                            case RUNNING -> ": still running at its " + millis + "; stopped";
                            case QUEUED ->
                                    ": waited its whole "
                                            + millis
                                            + " for a free worker; not started";
                            case LOADING ->
                                    ": waited its whole "
                                            + millis
                                            + " for its code to be read and parsed; not started";
                        };
        if (call.result().completeExceptionally(new FunctionTimeoutException(message))) {
            metrics.invocation("timeout");
        }
    }

    private void trapped(Call call, Instance instance, String chicoryMessage) {
        String message = chicoryMessage == null ? "trap" : chicoryMessage;
        // The compiler adds the address to out-of-bounds traps; the interpreter does not. One
        // message for both keeps clients and tests independent of the execution mode.
        int detail = message.indexOf(": attempted to access");
        if (detail > 0) {
            message = message.substring(0, detail);
        }
        int cap = call.function().memoryCapPages();
        if (instance != null && instance.memory() != null && instance.memory().pages() >= cap) {
            message +=
                    " after memory reached the per-instance cap of "
                            + FunctionCompiler.capText(cap);
        }
        if (call.result()
                .completeExceptionally(
                        new FunctionTrapException(call.where() + ": trapped: " + message))) {
            metrics.invocation("trap");
        }
    }

    /** One accepted invocation, from queue to result. */
    private record Call(
            CompiledFunction function,
            ExportSignature export,
            long[] args,
            Duration deadline,
            long acceptedNanos,
            CompletableFuture<InvocationResult> result) {

        /** What is left of its deadline now. */
        Duration left() {
            return deadline.minusNanos(System.nanoTime() - acceptedNanos);
        }

        /** {@code name.export}, how messages name the call. */
        String where() {
            return function.module().name() + "." + export.name();
        }
    }

    /** Stops taking work and interrupts running guests. */
    @Override
    public void close() {
        loaders.shutdownNow();
        workers.shutdownNow();
        deadlines.close();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static ThreadFactory named(String prefix) {
        AtomicInteger sequence = new AtomicInteger();
        ThreadFactory base = Executors.defaultThreadFactory();
        return runnable -> {
            Thread thread = base.newThread(runnable);
            thread.setName(prefix + "-" + sequence.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}

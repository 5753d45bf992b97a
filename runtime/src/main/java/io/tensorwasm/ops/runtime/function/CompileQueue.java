package io.tensorwasm.ops.runtime.function;

import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles functions in the background, one at a time, while their first invokes run on the
 * interpreter (issue #22). A function is queued once however often it is asked for while it waits;
 * when the queue is full the request is dropped, and the function's next invoke asks again.
 */
final class CompileQueue implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(CompileQueue.class);

    private final ThreadPoolExecutor compiler;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();

    CompileQueue(int capacity) {
        this.compiler =
                new ThreadPoolExecutor(
                        1,
                        1,
                        0,
                        TimeUnit.MILLISECONDS,
                        new ArrayBlockingQueue<>(capacity),
                        Invoker.named("tensor-wasm-compiler"));
    }

    /** Queues the function's compile unless it is queued or running already. */
    void request(String id, Runnable compile) {
        if (!pending.add(id)) {
            return;
        }
        try {
            compiler.execute(() -> run(id, compile));
        } catch (RejectedExecutionException full) {
            pending.remove(id);
        }
    }

    /** Functions waiting for the compiler or being compiled now. */
    int pending() {
        return pending.size();
    }

    private void run(String id, Runnable compile) {
        try {
            compile.run();
        } catch (RuntimeException e) {
            // A thread boundary: the function keeps its interpreted code, and its next invoke asks
            // again; the compiler's own refusals never get here (FunctionCompiler.compiled).
            logger.error("{}: compiling in the background failed", id, e);
        } finally {
            pending.remove(id);
        }
    }

    /** Stops taking work and waits a little for a compile under way, which cannot be cut short. */
    @Override
    public void close() {
        compiler.shutdownNow();
        try {
            compiler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

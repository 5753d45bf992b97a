package io.tensorwasm.ops.bench.wasm;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A candidate hand-off for {@link HandOffBench} (issue #22): workers that poll their queue for a
 * while after each task before they park, so a call that arrives soon after the last one finds a
 * worker awake and needs no wake-up.
 */
final class SpinningWorkers implements Executor, AutoCloseable {

    private final BlockingQueue<Runnable> queue;
    private final Thread[] threads;
    private final long spinNanos;
    private volatile boolean open = true;

    SpinningWorkers(int workers, int capacity, long spinMicros) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.spinNanos = TimeUnit.MICROSECONDS.toNanos(spinMicros);
        this.threads = new Thread[workers];
        for (int i = 0; i < workers; i++) {
            threads[i] = new Thread(this::work, "spinning-worker-" + i);
            threads[i].setDaemon(true);
            threads[i].start();
        }
    }

    @Override
    public void execute(Runnable task) {
        if (!queue.offer(task)) {
            throw new RejectedExecutionException("queue full");
        }
    }

    private void work() {
        try {
            while (open) {
                Runnable task = next();
                Thread.interrupted();
                task.run();
            }
        } catch (InterruptedException closed) {
            Thread.currentThread().interrupt();
        }
    }

    private Runnable next() throws InterruptedException {
        long until = System.nanoTime() + spinNanos;
        do {
            Runnable task = queue.poll();
            if (task != null) {
                return task;
            }
            Thread.onSpinWait();
        } while (System.nanoTime() < until);
        return queue.take();
    }

    @Override
    public void close() {
        open = false;
        for (Thread thread : threads) {
            thread.interrupt();
        }
    }
}

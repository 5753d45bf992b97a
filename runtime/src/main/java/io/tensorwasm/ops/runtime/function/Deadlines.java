package io.tensorwasm.ops.runtime.function;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deadlines of the calls on the worker pool, watched by one thread that looks every {@link
 * #TICK} and stops what has run out; a call ends at most one tick after its deadline. A scheduled
 * timer per call woke its thread at nearly every call, a context switch each (issue #22: 3.7
 * switches per call with it, 2.0 without); registering here wakes nobody while calls keep coming.
 * With no call for {@link #IDLE} the thread parks until the next one.
 */
final class Deadlines implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(Deadlines.class);

    static final Duration TICK = Duration.ofMillis(10);
    static final Duration IDLE = Duration.ofSeconds(1);

    private final Map<Long, Watched> watched = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Thread thread;
    private volatile boolean parked;
    private volatile boolean open = true;

    /** What to do when a call runs out of time. */
    private record Watched(long deadlineNanos, Runnable expired) {}

    Deadlines() {
        thread = Invoker.named("tensor-wasm-deadline").newThread(this::watch);
        thread.start();
    }

    /** Watches a call; returns what stops watching it once it has ended. */
    Runnable watch(Duration deadline, Runnable expired) {
        long id = ids.incrementAndGet();
        watched.put(id, new Watched(System.nanoTime() + deadline.toNanos(), expired));
        if (parked) {
            LockSupport.unpark(thread);
        }
        return () -> watched.remove(id);
    }

    private void watch() {
        long quietSince = System.nanoTime();
        while (open) {
            if (watched.isEmpty() && System.nanoTime() - quietSince > IDLE.toNanos()) {
                parked = true;
                // A call registered between the check and the flag is seen by the next look.
                if (watched.isEmpty()) {
                    LockSupport.park(this);
                }
                parked = false;
                quietSince = System.nanoTime();
                continue;
            }
            LockSupport.parkNanos(this, TICK.toNanos());
            long now = System.nanoTime();
            if (!watched.isEmpty()) {
                quietSince = now;
            }
            watched.forEach(
                    (id, call) -> {
                        if (now - call.deadlineNanos() >= 0 && watched.remove(id) != null) {
                            expire(call);
                        }
                    });
        }
    }

    private static void expire(Watched call) {
        try {
            call.expired().run();
        } catch (RuntimeException e) {
            // The boundary of the watching thread: it must go on watching every other call.
            logger.error("stopping a call at its deadline failed", e);
        }
    }

    /** Stops watching; calls still running are stopped by the pool's shutdown. */
    @Override
    public void close() {
        open = false;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

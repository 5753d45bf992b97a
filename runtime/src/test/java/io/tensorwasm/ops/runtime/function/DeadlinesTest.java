package io.tensorwasm.ops.runtime.function;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The one thread that watches the worker pool's deadlines (issue #22). */
class DeadlinesTest {

    private final Deadlines deadlines = new Deadlines();

    @AfterEach
    void close() {
        deadlines.close();
    }

    @Test
    void stopsACallOnceItsDeadlineHasPassedAndNotBefore() throws Exception {
        CompletableFuture<Long> expired = new CompletableFuture<>();
        long start = System.nanoTime();
        deadlines.watch(Duration.ofMillis(100), () -> expired.complete(System.nanoTime()));
        long elapsed = expired.get(10, TimeUnit.SECONDS) - start;
        assertThat(elapsed).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
    }

    @Test
    void neverStopsACallThatEndedInTime() throws Exception {
        CompletableFuture<Void> expired = new CompletableFuture<>();
        Runnable ended = deadlines.watch(Duration.ofMillis(50), () -> expired.complete(null));
        ended.run();
        CompletableFuture<Void> later = new CompletableFuture<>();
        deadlines.watch(Duration.ofMillis(200), () -> later.complete(null));
        later.get(10, TimeUnit.SECONDS);
        assertThat(expired).isNotDone();
    }

    @Test
    void wakesUpForACallAfterItsThreadParkedForLackOfCalls() throws Exception {
        Thread.sleep(Deadlines.IDLE.toMillis() + 200);
        CompletableFuture<Void> expired = new CompletableFuture<>();
        deadlines.watch(Duration.ofMillis(20), () -> expired.complete(null));
        expired.get(10, TimeUnit.SECONDS);
    }

    @Test
    void goesOnWatchingAfterAStopThatThrew() throws Exception {
        deadlines.watch(
                Duration.ofMillis(10),
                () -> {
                    throw new IllegalStateException("a stop that failed");
                });
        CompletableFuture<Void> next = new CompletableFuture<>();
        deadlines.watch(Duration.ofMillis(50), () -> next.complete(null));
        next.get(10, TimeUnit.SECONDS);
    }
}

package io.tensorwasm.ops.runtime.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong();

    @Test
    void admitsTheBurstThenAsksToWait() {
        RateLimiter limiter = new RateLimiter(0.5, 3, now::get);
        assertThat(limiter.acquire("7")).isZero();
        assertThat(limiter.acquire("7")).isZero();
        assertThat(limiter.acquire("7")).isZero();
        assertThat(limiter.acquire("7")).isEqualTo(2);
    }

    @Test
    void refillsWithTime() {
        RateLimiter limiter = new RateLimiter(1, 1, now::get);
        assertThat(limiter.acquire("7")).isZero();
        assertThat(limiter.acquire("7")).isEqualTo(1);
        now.addAndGet(1_000_000_000L);
        assertThat(limiter.acquire("7")).isZero();
    }

    @Test
    void keepsOneBucketPerTenant() {
        RateLimiter limiter = new RateLimiter(1, 1, now::get);
        assertThat(limiter.acquire("7")).isZero();
        assertThat(limiter.acquire("8")).isZero();
        assertThat(limiter.acquire("7")).isPositive();
    }

    @Test
    void dropsFullBucketsOnceThereAreManySoAddressesCannotExhaustMemory() {
        RateLimiter limiter = new RateLimiter(1, 2, now::get);
        for (int i = 0; i <= RateLimiter.PRUNE_ABOVE; i++) {
            limiter.acquire("10.0." + i);
        }
        assertThat(limiter.size()).isEqualTo(RateLimiter.PRUNE_ABOVE + 1);
        limiter.acquire("busy");
        limiter.acquire("busy");
        now.addAndGet(1_000_000_000L);
        limiter.acquire("one-more");
        assertThat(limiter.size()).isEqualTo(2);
        assertThat(limiter.acquire("busy")).isZero();
        assertThat(limiter.acquire("busy")).isPositive();
    }

    @Test
    void rateZeroTurnsLimitingOff() {
        RateLimiter limiter = new RateLimiter(0, 0, now::get);
        for (int i = 0; i < 1000; i++) {
            assertThat(limiter.acquire("7")).isZero();
        }
    }
}

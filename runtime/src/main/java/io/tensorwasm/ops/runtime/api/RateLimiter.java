package io.tensorwasm.ops.runtime.api;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One token bucket per tenant for state-changing calls; reads never wait for it (seed 002, "Quiesce
 * write traffic"). A rate of 0 turns it off.
 */
final class RateLimiter {

    private static final class Bucket {
        private double tokens;
        private long lastNanos;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.lastNanos = now;
        }
    }

    private final double perSecond;
    private final int burst;
    private final LongSupplier clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(double perSecond, int burst, LongSupplier nanoClock) {
        this.perSecond = perSecond;
        this.burst = Math.max(1, burst);
        this.clock = nanoClock;
    }

    /** Takes a token, or returns the whole seconds until one is back (0 = taken). */
    long acquire(String tenant) {
        if (perSecond <= 0) {
            return 0;
        }
        long now = clock.getAsLong();
        Bucket bucket = buckets.computeIfAbsent(tenant, t -> new Bucket(burst, now));
        synchronized (bucket) {
            double refill = (now - bucket.lastNanos) / 1e9 * perSecond;
            bucket.tokens = Math.min(burst, bucket.tokens + refill);
            bucket.lastNanos = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - bucket.tokens) / perSecond));
        }
    }
}

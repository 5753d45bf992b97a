package io.tensorwasm.ops.runtime.api;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One token bucket per key: per tenant for state-changing calls, which reads never wait for (seed
 * 002, "Quiesce write traffic"), and per remote address for refused requests (issue #16). A rate of
 * 0 turns it off.
 */
final class RateLimiter {

    /** Past this many buckets, the full ones are dropped: a missing bucket starts full anyway. */
    static final int PRUNE_ABOVE = 10_000;

    private static final class Bucket {
        private double tokens;
        private long lastNanos;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.lastNanos = now;
        }

        /** The tokens it holds now, without changing it. */
        synchronized double tokensAt(long now, double perSecond, int burst) {
            return Math.min(burst, tokens + (now - lastNanos) / 1e9 * perSecond);
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

    /** Whether it limits anything: a rate of 0 turns it off. */
    boolean on() {
        return perSecond > 0;
    }

    /** Takes a token, or returns the whole seconds until one is back (0 = taken). */
    long acquire(String key) {
        if (!on()) {
            return 0;
        }
        long now = clock.getAsLong();
        if (buckets.size() > PRUNE_ABOVE) {
            buckets.values().removeIf(b -> b.tokensAt(now, perSecond, burst) >= burst);
        }
        Bucket bucket = buckets.computeIfAbsent(key, t -> new Bucket(burst, now));
        synchronized (bucket) {
            bucket.tokens = bucket.tokensAt(now, perSecond, burst);
            bucket.lastNanos = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - bucket.tokens) / perSecond));
        }
    }

    /** Buckets held now. */
    int size() {
        return buckets.size();
    }
}

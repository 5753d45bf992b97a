package io.tensorwasm.ops.web.auth;

import io.tensorwasm.ops.oncall.access.Principal;
import io.tensorwasm.ops.oncall.access.TokenStore;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The long-lived answers of the console (event streams), held to their token (hardening, issue
 * #16): a token may hold a few at once and the console a bounded number in all, and every one ends
 * soon after its token is revoked, by the console's tokens page or by {@code twops token revoke} on
 * another process.
 *
 * <pre>{@code
 * Optional<Streams.Lease> lease = streams.open(principal, () -> endTheStream());
 * lease.get().close();   // when the stream ends on its own
 * }</pre>
 */
public final class Streams {

    private final Vertx vertx;
    private final TokenStore tokens;
    private final int perToken;
    private final int total;
    private final Duration checkEvery;
    private final Map<String, Set<Lease>> open = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();

    /**
     * Streams over the token store.
     *
     * @param perToken how many streams one token may hold at once
     * @param total how many the console holds at once
     * @param checkEvery how often each token with streams is checked for revocation
     */
    public Streams(Vertx vertx, TokenStore tokens, int perToken, int total, Duration checkEvery) {
        this.vertx = vertx;
        this.tokens = tokens;
        this.perToken = perToken;
        this.total = total;
        this.checkEvery = checkEvery;
    }

    /** An open stream; closing it gives its place back. */
    public final class Lease implements AutoCloseable {
        private final String tokenId;
        private final Runnable onRevoked;
        private final long timer;

        private Lease(String tokenId, Runnable onRevoked) {
            this.tokenId = tokenId;
            this.onRevoked = onRevoked;
            this.timer = vertx.setPeriodic(checkEvery.toMillis(), id -> check());
        }

        private void check() {
            vertx.executeBlocking(() -> tokens.active(tokenId), false)
                    .onSuccess(
                            active -> {
                                if (!active) {
                                    close();
                                    onRevoked.run();
                                }
                            });
        }

        @Override
        public void close() {
            vertx.cancelTimer(timer);
            Set<Lease> held = open.get(tokenId);
            if (held != null && held.remove(this)) {
                count.decrementAndGet();
            }
        }
    }

    /**
     * A place for one more stream of the principal, or empty when the token or the console holds
     * all it may.
     *
     * @param onRevoked runs on the event loop when the token is found revoked; the stream ends
     */
    public synchronized Optional<Lease> open(Principal principal, Runnable onRevoked) {
        Set<Lease> held =
                open.computeIfAbsent(principal.tokenId(), id -> ConcurrentHashMap.newKeySet());
        if (held.size() >= perToken || count.get() >= total) {
            return Optional.empty();
        }
        Lease lease = new Lease(principal.tokenId(), onRevoked);
        held.add(lease);
        count.incrementAndGet();
        return Optional.of(lease);
    }

    /** How many streams a token may hold at once, for the refusal's words. */
    public int perToken() {
        return perToken;
    }
}

package io.tensorwasm.ops.runtime.api;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The audit lines of refused requests ({@code auth.failure}), bounded so that no caller can flood
 * the log (issue #16): in each minute the first {@value #LINES_PER_ADDRESS} refusals from a remote
 * address are written one by one, and the rest become one line per address and outcome with their
 * {@code count}, written when the minute ends. Past {@value #MAX_ADDRESSES} addresses in a minute,
 * further addresses share the one tally {@code "other"}. Every refusal is counted; none is lost.
 *
 * <pre>
 * {"action":"auth.failure","outcome":"rate_limited","status":429,"remote_address":"203.0.113.9","count":4182,"window_start":"...","window_end":"...",...}
 * </pre>
 */
final class RefusalAudit implements AutoCloseable {

    static final int LINES_PER_ADDRESS = 10;
    static final int MAX_ADDRESSES = 1_000;
    static final String OTHER = "other";

    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final Caller NOBODY = new Caller("unknown", null, "none");

    private final AuditLog audit;
    private final ScheduledExecutorService timer;
    private final Map<String, Tally> tallies = new HashMap<>();
    private Instant windowStart = Instant.now();

    RefusalAudit(AuditLog audit) {
        this.audit = audit;
        this.timer =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "tensor-wasm-refusal-audit");
                            t.setDaemon(true);
                            return t;
                        });
        timer.scheduleAtFixedRate(
                this::endWindow, WINDOW.toMillis(), WINDOW.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Writes the refusal's line, or counts it when the address has had its lines this minute. */
    synchronized void refused(String address, AuditRecord record) {
        Tally tally = tallies.get(address);
        if (tally == null) {
            boolean room = tallies.size() < MAX_ADDRESSES;
            tally = tallies.computeIfAbsent(room ? address : OTHER, a -> new Tally(!room));
        }
        if (tally.written < LINES_PER_ADDRESS) {
            tally.written++;
            audit.record(record);
        } else {
            tally.counted.merge(record.outcome(), new Count(record.status()), Count::plus);
        }
    }

    /** Writes the counts of the minute that ends now and starts the next. */
    synchronized void endWindow() {
        Instant end = Instant.now();
        tallies.forEach(
                (address, tally) ->
                        tally.counted.forEach(
                                (outcome, count) ->
                                        audit.record(
                                                new AuditRecord(
                                                        "auth.failure",
                                                        null,
                                                        outcome,
                                                        count.status(),
                                                        NOBODY,
                                                        new JsonObject()
                                                                .put("remote_address", address)
                                                                .put("count", count.n())
                                                                .put(
                                                                        "window_start",
                                                                        windowStart.toString())
                                                                .put("window_end", end.toString()),
                                                        null))));
        tallies.clear();
        windowStart = end;
    }

    /** Writes the counts of the open minute; call before closing the audit log. */
    @Override
    public void close() {
        timer.shutdownNow();
        endWindow();
    }

    /** One address's refusals in the current minute. */
    private static final class Tally {
        private int written;
        private final Map<String, Count> counted = new LinkedHashMap<>();

        /** The shared tally of addresses past the cap writes no single lines. */
        Tally(boolean shared) {
            written = shared ? LINES_PER_ADDRESS : 0;
        }
    }

    /** How many refusals with one outcome, and the status they were answered with. */
    private record Count(int status, int n) {
        Count(int status) {
            this(status, 1);
        }

        Count plus(Count other) {
            return new Count(status, n + other.n);
        }
    }
}

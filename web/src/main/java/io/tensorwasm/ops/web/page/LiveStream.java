package io.tensorwasm.ops.web.page;

import io.tensorwasm.ops.web.auth.Authentication;
import io.tensorwasm.ops.web.auth.Streams;
import io.tensorwasm.ops.web.failure.ConsoleException;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Tells an open page that what it shows changed (issue #17: pages that refresh themselves), as
 * Server-Sent Events like a run's stream: the page carries the version it was rendered at; the
 * stream reads the version on a worker every second and sends {@code event: changed} whenever it
 * differs, and the page's script fetches the page again and replaces what changed. Without a script
 * nothing streams, and a reload shows the same.
 *
 * <pre>{@code
 * router.get("/incidents/:id/events").handler(ctx ->
 *         LiveStream.serve(ctx, vertx, () -> incidents.version(id), streams));
 * }</pre>
 */
public final class LiveStream {

    /** How often the version is read. */
    static final Duration EVERY = Duration.ofSeconds(1);

    /** A comment this often keeps proxies from closing a quiet stream. */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private LiveStream() {}

    /**
     * Streams {@code changed} events for the version the request's {@code version} parameter names.
     * The stream holds one of its token's places ({@link Streams}) and ends with {@code revoked}
     * when the token is revoked.
     *
     * @param version reads the current version; blocks on the database, so it runs on a worker
     */
    public static void serve(
            RoutingContext ctx, Vertx vertx, Callable<String> version, Streams streams) {
        HttpServerResponse response = ctx.response();
        Optional<Streams.Lease> lease = open(ctx, streams);
        if (lease.isEmpty()) {
            return;
        }
        AtomicReference<String> shown =
                new AtomicReference<>(ctx.request().getParam("version", ""));
        long[] beats = {0};
        long timer =
                vertx.setPeriodic(
                        EVERY.toMillis(),
                        id ->
                                vertx.executeBlocking(version, false)
                                        .onSuccess(now -> changed(response, shown, now, beats)));
        Runnable stop =
                () -> {
                    vertx.cancelTimer(timer);
                    lease.get().close();
                };
        response.closeHandler(ignored -> stop.run());
        response.endHandler(ignored -> stop.run());
    }

    /**
     * Opens an event stream on the response, holding one of its token's places; a revoked token
     * ends it with {@code revoked}. Empty, with the request failed, when the token holds its share.
     */
    public static Optional<Streams.Lease> open(RoutingContext ctx, Streams streams) {
        HttpServerResponse response = ctx.response();
        Optional<Streams.Lease> lease =
                streams.open(
                        Authentication.principal(ctx),
                        () -> {
                            if (!response.ended() && !response.closed()) {
                                response.end("event: revoked\ndata: {}\n\n");
                            }
                        });
        if (lease.isEmpty()) {
            ctx.fail(
                    new ConsoleException.TooMany(
                            "this token already holds "
                                    + streams.perToken()
                                    + " event streams, or the console all it serves; close one"));
            return lease;
        }
        response.setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .putHeader("X-Accel-Buffering", "no");
        response.write("retry: 3000\n\n");
        return lease;
    }

    private static void changed(
            HttpServerResponse response, AtomicReference<String> shown, String now, long[] beats) {
        if (response.ended() || response.closed()) {
            return;
        }
        if (!now.equals(shown.getAndSet(now))) {
            response.write("event: changed\ndata: {\"version\":\"" + now + "\"}\n\n");
            beats[0] = 0;
        } else if (++beats[0] * EVERY.toMillis() >= KEEP_ALIVE.toMillis()) {
            response.write(": still here\n\n");
            beats[0] = 0;
        }
    }
}

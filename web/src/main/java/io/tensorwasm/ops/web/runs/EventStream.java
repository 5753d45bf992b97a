package io.tensorwasm.ops.web.runs;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.tensorwasm.ops.oncall.run.LiveRun;
import io.tensorwasm.ops.oncall.run.RunEvent;
import io.tensorwasm.ops.web.auth.Streams;
import io.tensorwasm.ops.web.page.LiveStream;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * A run's events as Server-Sent Events. Vert.x has no SSE handler, so the stream is written as
 * {@code text/event-stream} chunks: the events after the one the page reflects, then each new one
 * as it happens, a comment every few seconds to keep proxies from closing it, and the end of the
 * response once the run finishes.
 */
final class EventStream {

    static final long KEEP_ALIVE_MILLIS = 15_000;

    private EventStream() {}

    /**
     * Streams the run, or a single {@code finished} event when it is not live here. The stream
     * holds one of its token's places ({@link Streams}), and ends with a {@code revoked} event when
     * the token is revoked.
     */
    static void serve(
            RoutingContext ctx, Vertx vertx, Optional<LiveRun> run, long after, Streams streams) {
        HttpServerResponse response = ctx.response();
        Optional<Streams.Lease> lease = LiveStream.open(ctx, streams);
        if (lease.isEmpty()) {
            return;
        }
        if (run.isEmpty()) {
            lease.get().close();
            response.end(
                    new RunEvent(
                                    after + 1,
                                    "finished",
                                    JsonNodeFactory.instance.objectNode().put("status", "not live"))
                            .wire());
            return;
        }
        Context context = vertx.getOrCreateContext();
        Runnable unsubscribe =
                run.get()
                        .subscribe(
                                after,
                                event -> context.runOnContext(ignored -> send(response, event)));
        long keepAlive =
                vertx.setPeriodic(
                        KEEP_ALIVE_MILLIS,
                        id -> {
                            if (!response.ended() && !response.closed()) {
                                response.write(": still here\n\n");
                            }
                        });
        Runnable stop =
                () -> {
                    unsubscribe.run();
                    vertx.cancelTimer(keepAlive);
                    lease.get().close();
                };
        response.closeHandler(ignored -> stop.run());
        response.endHandler(ignored -> stop.run());
    }

    private static void send(HttpServerResponse response, RunEvent event) {
        if (response.ended() || response.closed()) {
            return;
        }
        if (event.type().equals("finished")) {
            response.end(event.wire());
        } else {
            response.write(event.wire());
        }
    }
}

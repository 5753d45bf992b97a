package io.tensorwasm.ops.runtime.api;

import io.tensorwasm.ops.runtime.metrics.RuntimeMetrics;
import io.tensorwasm.ops.runtime.trace.TraceIds;
import io.tensorwasm.ops.runtime.trace.Tracing;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request's trace (issue #18), begun by the first handler of every route and by the answer to a
 * request no route matched: takes its {@code x-trace-id} or makes one, answers with it, keeps it on
 * the context for the audit record, the error body and async jobs, and runs the request's span. A
 * request answered 5xx is logged with its trace id, so the id a caller quotes finds the log line.
 * When the request ends, it also counts it and its duration in the route's HTTP series. It is no
 * handler of its own, and the request's end runs one handler for all of that, so the invoke path
 * pays no extra route or callback (issue #22).
 */
final class RequestTrace {

    /** Key of the request's trace id on the context. */
    static final String TRACE_ID = "tensor-wasm.trace-id";

    /** Key of the request's span on the context. */
    static final String SPAN = "tensor-wasm.span";

    private static final CharSequence HEADER = HttpHeaders.createOptimized(TraceIds.HEADER);

    private static final Logger logger = LoggerFactory.getLogger(RequestTrace.class);

    private final Tracing tracing;

    RequestTrace(Tracing tracing) {
        this.tracing = tracing;
    }

    /**
     * Begins the request's trace, and measures the request in the series when it ends; the caller
     * goes on with the request.
     */
    void begin(RoutingContext ctx, RuntimeMetrics.HttpSeries series) {
        long start = System.nanoTime();
        String id = TraceIds.of(ctx.request().getHeader(TraceIds.HEADER));
        String method = ctx.request().method().name();
        ctx.put(TRACE_ID, id);
        ctx.response().putHeader(HEADER, id);
        Tracing.Request span = tracing.request(id, method);
        ctx.put(SPAN, span);
        ctx.addEndHandler(
                done -> {
                    String route =
                            Optional.ofNullable(ctx.<String>get(RuntimeRoutes.ROUTE))
                                    .orElse("unmatched");
                    int status = ctx.response().getStatusCode();
                    series.answered(status, System.nanoTime() - start);
                    span.end(method, route, status);
                    if (status >= 500) {
                        logger.warn(
                                "{} {} answered {} {} (trace {})",
                                method,
                                route,
                                status,
                                Optional.ofNullable(ctx.<String>get(FailureHandler.ERROR_CODE))
                                        .orElse(""),
                                id);
                    }
                });
    }

    /** The trace id of the request. */
    static String of(RoutingContext ctx) {
        return ctx.get(TRACE_ID);
    }
}

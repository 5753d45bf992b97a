package io.tensorwasm.ops.runtime.api;

import io.tensorwasm.ops.runtime.metrics.RuntimeMetrics;
import io.tensorwasm.ops.runtime.trace.TraceIds;
import io.tensorwasm.ops.runtime.trace.Tracing;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request's trace (issue #18), begun before anything else looks at the request, by every route
 * of the router, by the answer to a request no route matched, and by {@link InvokeRoute}: takes its
 * {@code x-trace-id} or makes one, answers with it, keeps it for the audit record, the error body
 * and async jobs, and runs the request's span. It also holds the route's template and the error
 * code the request was answered with. A request answered 5xx is logged with its trace id, so the id
 * a caller quotes finds the log line. When the request ends, it also counts it and its duration in
 * the route's HTTP series: one end handler does all of that, so the invoke path pays no extra route
 * or callback (issue #22).
 */
final class RequestTrace {

    /** Key of the request's trace on a routing context. */
    private static final String KEY = "tensor-wasm.trace";

    private static final CharSequence HEADER = HttpHeaders.createOptimized(TraceIds.HEADER);

    private static final Logger logger = LoggerFactory.getLogger(RequestTrace.class);

    private final String id;
    private final String method;
    private final String route;
    private final Tracing.Request span;
    private final RuntimeMetrics.HttpSeries series;
    private final long startNanos;
    private volatile String errorCode;

    private RequestTrace(
            HttpServerRequest request,
            String route,
            Tracing tracing,
            RuntimeMetrics.HttpSeries series) {
        this.startNanos = System.nanoTime();
        this.id = TraceIds.of(request.getHeader(TraceIds.HEADER));
        this.method = request.method().name();
        this.route = route;
        this.series = series;
        this.span = tracing.request(id, method);
        request.response().putHeader(HEADER, id);
    }

    /**
     * Begins the trace of a request the router serves, kept on the context, and ends it when the
     * context ends; the caller goes on with the request.
     */
    static RequestTrace begin(
            RoutingContext ctx, String route, Tracing tracing, RuntimeMetrics.HttpSeries series) {
        RequestTrace trace = new RequestTrace(ctx.request(), route, tracing, series);
        ctx.put(KEY, trace);
        ctx.addEndHandler(done -> trace.end(ctx.response().getStatusCode()));
        return trace;
    }

    /**
     * Begins the trace of a request served without the router, and ends it when its response is
     * done with, ended or not: {@link io.vertx.core.http.HttpServerResponse#endHandler} runs on
     * both.
     */
    static RequestTrace begin(
            HttpServerRequest request,
            String route,
            Tracing tracing,
            RuntimeMetrics.HttpSeries series) {
        RequestTrace trace = new RequestTrace(request, route, tracing, series);
        request.response().endHandler(done -> trace.end(request.response().getStatusCode()));
        return trace;
    }

    /** The trace of a request the router serves. */
    static RequestTrace of(RoutingContext ctx) {
        return ctx.get(KEY);
    }

    /** The trace id: the caller's {@code x-trace-id}, or one made for the request. */
    String id() {
        return id;
    }

    /** The request's method. */
    String method() {
        return method;
    }

    /** The route's template, as metrics and audit records name it, or {@code unmatched}. */
    String route() {
        return route;
    }

    /** The request's span, under which async jobs run. */
    Tracing.Request span() {
        return span;
    }

    /** The error code the request was answered with, or null while it has none. */
    String errorCode() {
        return errorCode;
    }

    /** Records the error code the request is answered with. */
    void answeredWith(String code) {
        this.errorCode = code;
    }

    private void end(int status) {
        series.answered(status, System.nanoTime() - startNanos);
        span.end(method, route, status);
        if (status >= 500) {
            logger.warn(
                    "{} {} answered {} {} (trace {})",
                    method,
                    route,
                    status,
                    errorCode == null ? "" : errorCode,
                    id);
        }
    }
}

package io.tensorwasm.ops.runtime.api;

import io.tensorwasm.ops.runtime.trace.TraceIds;
import io.tensorwasm.ops.runtime.trace.Tracing;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first handler of every request (issue #18): takes its {@code x-trace-id} or makes one,
 * answers with it, keeps it on the context for the audit record, the error body and async jobs, and
 * runs the request's span. A request answered 5xx is logged with its trace id, so the id a caller
 * quotes finds the log line.
 */
final class TraceHandler implements PlatformHandler {

    /** Key of the request's trace id on the context. */
    static final String TRACE_ID = "tensor-wasm.trace-id";

    /** Key of the request's span on the context. */
    static final String SPAN = "tensor-wasm.span";

    private static final Logger logger = LoggerFactory.getLogger(TraceHandler.class);

    private final Tracing tracing;

    TraceHandler(Tracing tracing) {
        this.tracing = tracing;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String id = TraceIds.of(ctx.request().getHeader(TraceIds.HEADER));
        String method = ctx.request().method().name();
        ctx.put(TRACE_ID, id);
        ctx.response().putHeader(TraceIds.HEADER, id);
        Tracing.Request span = tracing.request(id, method);
        ctx.put(SPAN, span);
        ctx.addEndHandler(
                done -> {
                    String route =
                            Optional.ofNullable(ctx.<String>get(RuntimeRoutes.ROUTE))
                                    .orElse("unmatched");
                    int status = ctx.response().getStatusCode();
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
        ctx.next();
    }

    /** The trace id of the request. */
    static String of(RoutingContext ctx) {
        return ctx.get(TRACE_ID);
    }
}

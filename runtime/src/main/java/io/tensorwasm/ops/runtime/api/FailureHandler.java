package io.tensorwasm.ops.runtime.api;

import io.tensorwasm.ops.runtime.fault.InjectedFaultException;
import io.tensorwasm.ops.runtime.function.BodyTooLargeException;
import io.tensorwasm.ops.runtime.function.CapacityExceededException;
import io.tensorwasm.ops.runtime.function.FunctionException;
import io.tensorwasm.ops.runtime.function.FunctionTimeoutException;
import io.tensorwasm.ops.runtime.function.FunctionTrapException;
import io.tensorwasm.ops.runtime.function.InvalidInvocationException;
import io.tensorwasm.ops.runtime.function.MalformedModuleException;
import io.tensorwasm.ops.runtime.function.QuotaExceededException;
import io.tensorwasm.ops.runtime.function.UnknownFunctionException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one table from failure to HTTP status and error code, and the handler that answers {@code
 * {"error":{"code":..,"message":..,"trace_id":..}}} with it. Nothing else in the server turns an
 * exception into a response.
 */
final class FailureHandler implements Handler<RoutingContext> {

    private static final Logger logger = LoggerFactory.getLogger(FailureHandler.class);

    /** One row of the table. */
    record Row(Class<? extends FunctionException> type, int status, String code) {}

    static final List<Row> TABLE =
            List.of(
                    new Row(MalformedModuleException.class, 400, "invalid_module"),
                    new Row(InvalidInvocationException.class, 400, "invalid_request"),
                    new Row(BadRequestException.class, 400, "invalid_request"),
                    new Row(UnauthorizedException.class, 401, "unauthorized"),
                    new Row(ForbiddenException.class, 403, "forbidden"),
                    new Row(QuotaExceededException.class, 403, "quota_exceeded"),
                    new Row(UnknownFunctionException.class, 404, "function_not_found"),
                    new Row(BodyTooLargeException.class, 413, "body_too_large"),
                    new Row(FunctionTrapException.class, 422, "trap"),
                    new Row(RateLimitedException.class, 429, "rate_limited"),
                    new Row(InjectedFaultException.class, 500, "injected_fault"),
                    new Row(CapacityExceededException.class, 503, "overloaded"),
                    new Row(FunctionTimeoutException.class, 504, "deadline_exceeded"));

    private static final Row INTERNAL = new Row(FunctionException.class, 500, "internal");

    private final long maxBodyBytes;

    FailureHandler(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    /** The row for a failure; anything outside the table is a 500. */
    static Row rowFor(Throwable failure) {
        Throwable cause = unwrap(failure);
        for (Row row : TABLE) {
            if (row.type().isInstance(cause)) {
                return row;
            }
        }
        return INTERNAL;
    }

    /** The {@code {"code","message"}} object for a failure that is in the table. */
    static JsonObject errorObject(Throwable failure) {
        Row row = rowFor(failure);
        String message =
                row == INTERNAL
                        ? "internal error; see the server log"
                        : unwrap(failure).getMessage();
        return new JsonObject().put("code", row.code()).put("message", message);
    }

    @Override
    public void handle(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure == null) {
            answerStatus(ctx.request(), RequestTrace.of(ctx), ctx.statusCode());
            return;
        }
        answer(ctx.response(), RequestTrace.of(ctx), failure);
    }

    /**
     * Answers a failure on a response, routed or not ({@link InvokeRoute}), and records its code on
     * the request's trace, for the audit record and the log.
     */
    static void answer(HttpServerResponse response, RequestTrace trace, Throwable failure) {
        Row row = rowFor(failure);
        if (row == INTERNAL) {
            logger.error(
                    "{} {} failed (trace {})",
                    trace == null ? "?" : trace.method(),
                    trace == null ? "?" : trace.route(),
                    trace == null ? null : trace.id(),
                    failure);
        }
        if (unwrap(failure) instanceof RateLimitedException limited) {
            response.putHeader("Retry-After", Long.toString(limited.retryAfterSeconds()));
        } else if (row.status() == 503) {
            response.putHeader("Retry-After", "1");
        }
        answer(response, trace, row.status(), errorObject(failure));
    }

    /**
     * Answers a bare status: 404 and 405 routing, 413 from the body handler or {@link InvokeRoute},
     * 400 from Vert.x itself.
     */
    void answerStatus(HttpServerRequest request, RequestTrace trace, int status) {
        JsonObject error =
                switch (status) {
                    case 404 -> error("not_found", request.path() + ": no such route");
                    case 405 ->
                            error(
                                    "method_not_allowed",
                                    request.method()
                                            + " "
                                            + request.path()
                                            + ": method not allowed");
                    case 413 ->
                            error(
                                    "body_too_large",
                                    "request body over the " + maxBodyBytes + "-byte limit");
                    case 400 -> error("invalid_request", "malformed request");
                    default -> error("internal", "internal error; see the server log");
                };
        answer(request.response(), trace, status == -1 ? 500 : status, error);
    }

    private static void answer(
            HttpServerResponse response, RequestTrace trace, int status, JsonObject error) {
        if (trace != null) {
            trace.answeredWith(error.getString("code"));
            error.put("trace_id", trace.id());
        }
        if (response.ended()) {
            return;
        }
        response.setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("error", error).encode());
    }

    private static JsonObject error(String code, String message) {
        return new JsonObject().put("code", code).put("message", message);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}

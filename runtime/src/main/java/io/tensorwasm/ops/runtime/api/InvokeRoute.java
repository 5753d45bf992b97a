package io.tensorwasm.ops.runtime.api;

import io.tensorwasm.ops.runtime.function.InvocationResult;
import io.tensorwasm.ops.runtime.metrics.RuntimeMetrics;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.internal.net.RFC3986;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /functions/{id}/invoke}, the route that carries load, served ahead of the router: the
 * router's per-request context, route walk and handler chain cost about a quarter of the runtime's
 * throughput on this route (issue #22). {@link RuntimeRoutes} hands it every {@code POST} whose
 * path {@link #functionId} reads; everything else goes to the router, which also knows the path, so
 * it answers another method on it 405 as on any other path.
 *
 * <p>Its contract is the routed one's, step for step, and each step has the same owner:
 *
 * <ol>
 *   <li>the path is matched as the router matches {@code /functions/:id/invoke}: normalized, with
 *       or without a trailing slash, the id percent-decoded; a request without a {@code Host} goes
 *       to the router, which answers it 400;
 *   <li>{@link RequestTrace} begins the trace and measures the request in the route's series;
 *   <li>{@link Authenticator#admit} checks the token and audits a refusal;
 *   <li>{@link RateLimit#admit} takes a token of the tenant, when the limit is on;
 *   <li>the body is read, at most {@code max_body_bytes} of it: a larger {@code Content-Length} is
 *       refused before any of it is read, a larger chunked body as soon as it passes the limit
 *       (413); {@code Expect: 100-continue} is answered as the router's body handler answers it;
 *   <li>{@link FunctionHandlers#invoke} starts the call; the answer is {@code {"result":[...]}};
 *   <li>any failure is answered through {@link FailureHandler}'s table.
 * </ol>
 *
 * <p>Nothing here may block: the call runs on this thread only when its code provably ends ({@code
 * Invoker}), else on a worker.
 */
final class InvokeRoute {

    /** The route's template, as metrics, traces and audit records name it. */
    static final String TEMPLATE = "/functions/{id}/invoke";

    private static final String PREFIX = "/functions/";
    private static final String SUFFIX = "/invoke";

    private final Vertx vertx;
    private final FunctionHandlers functions;
    private final Authenticator authenticator;
    private final RateLimit rateLimit;
    private final FailureHandler failures;
    private final RuntimeServices services;
    private final RuntimeMetrics.HttpSeries series;
    private final long maxBodyBytes;

    InvokeRoute(
            Vertx vertx,
            RuntimeServices services,
            FunctionHandlers functions,
            Authenticator authenticator,
            RateLimit rateLimit,
            FailureHandler failures) {
        this.vertx = vertx;
        this.services = services;
        this.functions = functions;
        this.authenticator = authenticator;
        this.rateLimit = rateLimit;
        this.failures = failures;
        this.series = services.metrics().httpSeries(TEMPLATE, "POST");
        this.maxBodyBytes = services.config().maxBodyBytes();
    }

    /**
     * The function id in the path, when it is this route's path, else null: the router's, which
     * answers it.
     */
    static String functionId(HttpServerRequest request) {
        String path = request.path();
        if (path == null || !path.startsWith(PREFIX)) {
            return null;
        }
        if (request.authority() == null && request.version() != HttpVersion.HTTP_1_0) {
            return null;
        }
        String normalized;
        try {
            normalized = RFC3986.normalizePath(path);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
        int end = normalized.length();
        if (end > 0 && normalized.charAt(end - 1) == '/') {
            end--;
        }
        if (!normalized.startsWith(PREFIX)
                || end - SUFFIX.length() <= PREFIX.length()
                || !normalized.startsWith(SUFFIX, end - SUFFIX.length())) {
            return null;
        }
        String id = normalized.substring(PREFIX.length(), end - SUFFIX.length());
        if (id.indexOf('/') >= 0) {
            return null;
        }
        try {
            return RFC3986.decodeURIComponent(id, false);
        } catch (IllegalArgumentException malformed) {
            // A malformed escape: the router answers it, 404.
            return null;
        }
    }

    /** Serves a {@code POST} to this route. */
    void handle(HttpServerRequest request, String functionId) {
        RequestTrace trace = RequestTrace.begin(request, TEMPLATE, services.tracing(), series);
        try {
            Caller caller = authenticator.admit(request, trace, functionId);
            if (rateLimit.on()) {
                rateLimit.admit(caller);
            }
            if (contentLength(request) > maxBodyBytes) {
                failures.answerStatus(request, trace, 413);
                return;
            }
            String expect = request.getHeader(HttpHeaders.EXPECT);
            if (expect != null) {
                if (!expect.equalsIgnoreCase("100-continue")) {
                    failures.answerStatus(request, trace, 417);
                    return;
                }
                if (request.version() != HttpVersion.HTTP_1_0) {
                    request.response().writeContinue();
                }
            }
            if (request.isEnded()) {
                call(request.response(), trace, caller, functionId, null);
                return;
            }
            Body body = new Body(request, trace, caller, functionId);
            request.handler(body).endHandler(body::end);
        } catch (Throwable failure) {
            FailureHandler.answer(request.response(), trace, failure);
        }
    }

    private void call(
            HttpServerResponse response,
            RequestTrace trace,
            Caller caller,
            String functionId,
            Buffer body) {
        CompletableFuture<InvocationResult> result;
        try {
            result = functions.invoke(caller, functionId, body);
        } catch (Throwable failure) {
            FailureHandler.answer(response, trace, failure);
            return;
        }
        if (result.isDone()) {
            // Ran on this thread (issue #22): answer now, without a trip through the context.
            result.whenComplete((r, e) -> answer(response, trace, r, e));
            return;
        }
        Context context = vertx.getOrCreateContext();
        Future.fromCompletionStage(result, context)
                .onComplete(done -> answer(response, trace, done.result(), done.cause()));
    }

    private static void answer(
            HttpServerResponse response,
            RequestTrace trace,
            InvocationResult result,
            Throwable failure) {
        if (failure != null) {
            FailureHandler.answer(response, trace, failure);
            return;
        }
        response.setStatusCode(200)
                .putHeader(HttpHeaders.CONTENT_TYPE, FunctionHandlers.JSON)
                .end(FunctionHandlers.resultJson(result.values()));
    }

    /** The declared length, or -1 when there is none or it is not a number (the router's rule). */
    private static long contentLength(HttpServerRequest request) {
        String value = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (value == null || value.isEmpty()) {
            return -1;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Reads the body up to the limit, then starts the call. */
    private final class Body implements Handler<Buffer> {
        private final HttpServerRequest request;
        private final RequestTrace trace;
        private final Caller caller;
        private final String functionId;
        private Buffer buffer;
        private boolean copied;
        private boolean tooLarge;

        Body(HttpServerRequest request, RequestTrace trace, Caller caller, String functionId) {
            this.request = request;
            this.trace = trace;
            this.caller = caller;
            this.functionId = functionId;
        }

        @Override
        public void handle(Buffer chunk) {
            if (tooLarge) {
                return;
            }
            long size = (buffer == null ? 0 : buffer.length()) + (long) chunk.length();
            if (size > maxBodyBytes) {
                tooLarge = true;
                buffer = null;
                failures.answerStatus(request, trace, 413);
                return;
            }
            if (buffer == null) {
                // Most bodies come in one chunk, which Vert.x hands over as a copy of its own:
                // keep it rather than copy it again.
                buffer = chunk;
                return;
            }
            if (!copied) {
                buffer = Buffer.buffer().appendBuffer(buffer);
                copied = true;
            }
            buffer.appendBuffer(chunk);
        }

        void end(Void ignored) {
            if (!tooLarge) {
                call(request.response(), trace, caller, functionId, buffer);
            }
        }
    }
}

package io.tensorwasm.ops.runtime.api;

import io.tensorwasm.ops.runtime.function.CapacityExceededException;
import io.tensorwasm.ops.runtime.function.CompiledFunction;
import io.tensorwasm.ops.runtime.function.ExportSignature;
import io.tensorwasm.ops.runtime.function.FunctionException;
import io.tensorwasm.ops.runtime.function.Invocation;
import io.tensorwasm.ops.runtime.function.InvocationResult;
import io.tensorwasm.ops.runtime.function.Job;
import io.tensorwasm.ops.runtime.trace.Tracing;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** The handlers of {@code /functions} and {@code /jobs}; wiring lives in {@link RuntimeRoutes}. */
final class FunctionHandlers {

    static final String CALLER = "tensor-wasm.caller";
    static final String FUNCTION_ID = "tensor-wasm.function-id";
    static final String AUDIT_EXTRA = "tensor-wasm.audit-extra";

    /** Encoded once rather than at every answer (issue #22). */
    static final CharSequence JSON = HttpHeaders.createOptimized("application/json");

    private final RuntimeServices services;

    FunctionHandlers(RuntimeServices services) {
        this.services = services;
    }

    void create(RoutingContext ctx) {
        Caller caller = ctx.get(CALLER);
        JsonObject body = jsonBody(ctx);
        String name = text(body, "name");
        String base64 = text(body, "wasm_b64");
        ctx.put(AUDIT_EXTRA, new JsonObject().put("name", name));
        byte[] wasm;
        try {
            wasm = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("wasm_b64 of \"" + name + "\": not valid base64");
        }
        ctx.vertx()
                .executeBlocking(
                        () -> services.registry().deploy(caller.tenant(), name, wasm), false)
                .onSuccess(
                        function -> {
                            ctx.put(FUNCTION_ID, function.module().id());
                            json(ctx, 201, new JsonObject().put("id", function.module().id()));
                        })
                .onFailure(ctx::fail);
    }

    void list(RoutingContext ctx) {
        Caller caller = ctx.get(CALLER);
        JsonArray functions = new JsonArray();
        services.registry()
                .list(caller.admin() ? null : caller.tenant())
                .forEach(f -> functions.add(summary(f)));
        json(ctx, 200, new JsonObject().put("functions", functions));
    }

    void get(RoutingContext ctx) {
        json(ctx, 200, summary(owned(ctx)));
    }

    void delete(RoutingContext ctx) {
        CompiledFunction function = owned(ctx);
        ctx.vertx()
                .executeBlocking(
                        () -> {
                            services.registry().delete(function.module().id());
                            return function;
                        },
                        false)
                .onSuccess(f -> ctx.response().setStatusCode(204).end())
                .onFailure(ctx::fail);
    }

    /**
     * Starts the call a {@code POST /functions/{id}/invoke} asks for; {@link InvokeRoute} reads the
     * request and answers. Throws what the call is refused for before it starts.
     */
    CompletableFuture<InvocationResult> invoke(Caller caller, String id, Buffer body) {
        CompiledFunction function = owned(caller, id);
        InvocationBody call = InvocationBody.of(body);
        services.faults().beforeInvoke(function.module().id());
        return services.invoker().invoke(function, call.invocation(), deadline(call), () -> {});
    }

    /**
     * {@code {"result":[...]}}: written directly when every value is a whole number, whose JSON is
     * its decimal digits (a third of the cost of an answer was Jackson's, issue #22); through the
     * JSON codec otherwise, so floats are spelled as everywhere else.
     */
    static String resultJson(List<Number> values) {
        StringBuilder out = new StringBuilder(16 + 12 * values.size()).append("{\"result\":[");
        for (int i = 0; i < values.size(); i++) {
            Number value = values.get(i);
            if (!(value instanceof Integer || value instanceof Long)) {
                return new JsonObject().put("result", new JsonArray(values)).encode();
            }
            out.append(i == 0 ? "" : ",").append(value.longValue());
        }
        return out.append("]}").toString();
    }

    void invokeAsync(RoutingContext ctx) {
        Caller caller = ctx.get(CALLER);
        CompiledFunction function = owned(ctx);
        InvocationBody body = InvocationBody.of(ctx.body().buffer());
        Invocation call = body.invocation();
        services.invoker().check(function, call);
        services.faults().beforeInvoke(function.module().id());
        Job job =
                services.jobs()
                        .create(function.module().id(), caller.tenant(), RequestTrace.of(ctx).id());
        Tracing.Job span = RequestTrace.of(ctx).span().job(job.id(), function.module().id());
        CompletableFuture<InvocationResult> result =
                services.invoker()
                        .submit(
                                function,
                                call,
                                deadline(body),
                                () -> services.jobs().running(job.id()));
        result.whenComplete(
                (r, e) -> {
                    services.jobs().finish(job.id(), r, asFunctionFailure(e));
                    span.end(e == null ? null : FailureHandler.rowFor(e).code());
                });
        Throwable refused =
                result.isCompletedExceptionally() ? result.handle((r, e) -> e).join() : null;
        if (asFunctionFailure(refused) instanceof CapacityExceededException) {
            // The queue was full: say so now rather than hand out a job that already failed. A
            // guest that ran and failed this fast still gets its job id, like any other.
            ctx.fail(refused);
            return;
        }
        ctx.put(AUDIT_EXTRA, new JsonObject().put("job_id", job.id()));
        json(ctx, 202, new JsonObject().put("job_id", job.id()).put("status", "pending"));
    }

    void job(RoutingContext ctx) {
        Caller caller = ctx.get(CALLER);
        Job job = services.jobs().get(ctx.pathParam("id"));
        if (!caller.mayAccess(job.tenant())) {
            throw new ForbiddenException(
                    job.id()
                            + ": belongs to another tenant; tenant "
                            + caller.tenant()
                            + " may not read it");
        }
        JsonObject out =
                new JsonObject()
                        .put("id", job.id())
                        .put("function_id", job.functionId())
                        .put("status", job.status().label())
                        .put("created_at", job.createdAt().toString())
                        .put("trace_id", job.traceId());
        if (job.result() != null) {
            out.put("result", new JsonArray(job.result().values()));
        }
        if (job.error() != null) {
            out.put("error", FailureHandler.errorObject(job.error()));
        }
        json(ctx, 200, out);
    }

    private CompiledFunction owned(RoutingContext ctx) {
        return owned(ctx.get(CALLER), ctx.pathParam("id"));
    }

    private CompiledFunction owned(Caller caller, String id) {
        CompiledFunction function = services.registry().get(id);
        if (!caller.mayAccess(function.module().tenant())) {
            throw new ForbiddenException(
                    function.module().id()
                            + ": belongs to another tenant; tenant "
                            + caller.tenant()
                            + " may not use it");
        }
        return function;
    }

    /** The server's deadline, or a shorter one the caller asks for with {@code timeout_ms}. */
    private Duration deadline(InvocationBody body) {
        Duration max = services.config().invokeTimeout();
        Object value = body.timeoutMs();
        if (value == null) {
            return max;
        }
        if (!(value instanceof Number n)
                || n.doubleValue() != Math.rint(n.doubleValue())
                || n.longValue() < 1
                || n.longValue() > max.toMillis()) {
            throw new BadRequestException(
                    value + ": \"timeout_ms\" must be a whole number from 1 to " + max.toMillis());
        }
        return Duration.ofMillis(n.longValue());
    }

    static JsonObject jsonBody(RoutingContext ctx) {
        return jsonObject(ctx.body().buffer());
    }

    /** The body as a JSON object, or a {@link BadRequestException} that says what it is instead. */
    static JsonObject jsonObject(Buffer body) {
        Object value;
        try {
            value = body == null || body.length() == 0 ? null : Json.decodeValue(body);
        } catch (DecodeException e) {
            throw new BadRequestException("request body: not a JSON object");
        }
        if (value == null) {
            throw new BadRequestException("empty body: send a JSON object");
        }
        if (!(value instanceof JsonObject json)) {
            throw new BadRequestException("request body: not a JSON object");
        }
        return json;
    }

    private static String text(JsonObject body, String field) {
        Object value = body.getValue(field);
        if (!(value instanceof String s) || s.isEmpty()) {
            throw new BadRequestException(
                    (value == null ? "missing" : value.toString())
                            + ": \""
                            + field
                            + "\" must be a non-empty string");
        }
        return s;
    }

    static JsonObject summary(CompiledFunction function) {
        JsonArray exports = new JsonArray();
        for (ExportSignature e : function.exports()) {
            exports.add(
                    new JsonObject()
                            .put("name", e.name())
                            .put("params", new JsonArray(e.params()))
                            .put("results", new JsonArray(e.results())));
        }
        return new JsonObject()
                .put("id", function.module().id())
                .put("name", function.module().name())
                .put("tenant", function.module().tenant())
                .put("sha256", function.module().sha256())
                .put("size_bytes", function.module().sizeBytes())
                .put("mode", function.mode().label())
                .put("exports", exports)
                .put("created_at", function.module().createdAt().toString());
    }

    private static FunctionException asFunctionFailure(Throwable e) {
        if (e == null) {
            return null;
        }
        Throwable cause =
                e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return cause instanceof FunctionException f
                ? f
                : new FunctionException("internal error; see the server log", cause);
    }

    static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                .end(body.encode());
    }
}

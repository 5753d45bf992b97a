package io.tensorwasm.ops.runtime.api;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;

/**
 * One line of the audit log.
 *
 * @param action {@code function.create}, {@code function.delete}, {@code function.invoke-async} or
 *     {@code auth.failure}
 * @param functionId the function acted on, or null
 * @param outcome {@code success}, or the error code answered
 * @param status the HTTP status answered
 * @param caller who asked; only the token's id is written
 * @param extra more fields ({@code name}, {@code job_id}, ...), or null
 * @param traceId the request's {@code x-trace-id}, or null for a line that stands for many
 */
record AuditRecord(
        String action,
        String functionId,
        String outcome,
        int status,
        Caller caller,
        JsonObject extra,
        String traceId) {

    AuditRecord {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(caller, "caller");
    }

    /** The JSON line, stamped now; fields without a value are left out. */
    String toJsonLine() {
        JsonObject scope = new JsonObject().put("kind", caller.scopeKind());
        JsonObject line =
                new JsonObject()
                        .put("time", Instant.now().toString())
                        .put("action", action)
                        .put("function_id", functionId)
                        .put("outcome", outcome)
                        .put("status", status)
                        .put("trace_id", traceId)
                        .put("token_id", caller.tokenId())
                        .put(
                                "actor",
                                new JsonObject()
                                        .put("tenant", caller.tenant())
                                        .put("scope", scope));
        if (extra != null) {
            line.mergeIn(extra);
        }
        line.getMap().values().removeIf(Objects::isNull);
        return line.encode();
    }
}

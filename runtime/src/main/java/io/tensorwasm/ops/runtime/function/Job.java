package io.tensorwasm.ops.runtime.function;

import java.time.Instant;
import java.util.Objects;

/**
 * An async invocation and where it stands.
 *
 * @param id the job id, {@code job_} and 20 hex digits
 * @param functionId the function it invokes
 * @param tenant the caller's tenant, who alone (or an admin) may read it
 * @param status where it stands
 * @param result the result once succeeded, else null
 * @param error the failure once failed, else null
 * @param createdAt when it was accepted
 * @param traceId the {@code x-trace-id} of the request that submitted it
 */
public record Job(
        String id,
        String functionId,
        String tenant,
        JobStatus status,
        InvocationResult result,
        FunctionException error,
        Instant createdAt,
        String traceId) {

    public Job {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(functionId, "functionId");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(traceId, "traceId");
    }

    Job with(JobStatus next, InvocationResult value, FunctionException failure) {
        return new Job(id, functionId, tenant, next, value, failure, createdAt, traceId);
    }
}

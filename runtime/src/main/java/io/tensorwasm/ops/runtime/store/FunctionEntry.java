package io.tensorwasm.ops.runtime.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of the function registry without its module bytes: what a start reads to serve the API
 * without compiling anything.
 *
 * @param id the function id
 * @param tenant the owning tenant
 * @param name the deploy name
 * @param sha256 hex SHA-256 of the module
 * @param sizeBytes the module size
 * @param createdAt when it was deployed
 * @param exports the JSON array of its exports, or null for a row not described yet
 * @param compiles whether Chicory's compiler took the module, or null when it was not tried
 */
public record FunctionEntry(
        String id,
        String tenant,
        String name,
        String sha256,
        long sizeBytes,
        Instant createdAt,
        String exports,
        Boolean compiles) {

    public FunctionEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}

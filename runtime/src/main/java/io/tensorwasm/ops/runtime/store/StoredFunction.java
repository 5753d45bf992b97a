package io.tensorwasm.ops.runtime.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of the function registry.
 *
 * @param id the function id
 * @param tenant the owning tenant
 * @param name the deploy name
 * @param sha256 hex SHA-256 of the module
 * @param wasm the module bytes
 * @param createdAt when it was deployed
 */
public record StoredFunction(
        String id, String tenant, String name, String sha256, byte[] wasm, Instant createdAt) {

    public StoredFunction {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(wasm, "wasm");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}

package io.tensorwasm.ops.runtime.api;

/**
 * Who sent a request.
 *
 * @param tenant the tenant, {@code *} for an admin, {@code dev} in dev mode
 * @param tokenId the keyed hash of the token, or null when none was sent
 * @param scopeKind {@code admin}, {@code tenant} or {@code dev}, as audit records say
 */
record Caller(String tenant, String tokenId, String scopeKind) {

    static final String ADMIN = "*";

    /** True when the caller may act on everything. */
    boolean admin() {
        return ADMIN.equals(tenant) || "dev".equals(scopeKind);
    }

    /** True when the caller may read or change what the tenant owns. */
    boolean mayAccess(String owner) {
        return admin() || tenant.equals(owner);
    }
}

package io.tensorwasm.ops.runtime.store;

/**
 * What one tenant has deployed, as its quotas count it.
 *
 * @param functions how many functions
 * @param bytes the bytes of their modules together
 */
public record TenantUsage(long functions, long bytes) {}

package io.tensorwasm.ops.runtime.function;

/**
 * What each tenant may keep deployed, and how much compiled code the registry keeps in memory
 * (issue #16).
 *
 * @param maxFunctionsPerTenant functions one tenant may have
 * @param maxBytesPerTenant module bytes one tenant may have, all its functions together
 * @param codeCacheBytes the estimated memory of the compiled modules kept ({@link FunctionCode})
 */
public record RegistryLimits(
        int maxFunctionsPerTenant, long maxBytesPerTenant, long codeCacheBytes) {}

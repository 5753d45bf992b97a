package io.tensorwasm.ops.runtime.function;

/**
 * What each tenant may keep deployed, and how much parsed and compiled code the registry keeps in
 * memory (issues #16 and #22).
 *
 * @param maxFunctionsPerTenant functions one tenant may have
 * @param maxBytesPerTenant module bytes one tenant may have, all its functions together
 * @param codeCacheBytes the estimated memory of the modules kept ({@link FunctionCode})
 */
public record RegistryLimits(
        int maxFunctionsPerTenant, long maxBytesPerTenant, long codeCacheBytes) {}

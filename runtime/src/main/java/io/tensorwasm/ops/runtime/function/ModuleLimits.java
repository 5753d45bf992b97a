package io.tensorwasm.ops.runtime.function;

/**
 * What one module may ask of the runtime; a module past any of them is refused at deploy.
 *
 * @param maxModuleBytes the largest module
 * @param memoryCapBytes the memory one instance may have
 * @param maxTables the tables a module may declare
 * @param maxTableElements the elements a table may start with or grow to
 */
public record ModuleLimits(
        long maxModuleBytes, long memoryCapBytes, int maxTables, long maxTableElements) {}

/** Wasm functions: validation, compilation, the registry, invocation on a bounded worker pool. */
package io.tensorwasm.ops.runtime.function;

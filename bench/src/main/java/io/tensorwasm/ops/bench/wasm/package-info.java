/** JMH benchmarks of Wasm compute, kernels and in-process invokes, each with its baseline. */
package io.tensorwasm.ops.bench.wasm;

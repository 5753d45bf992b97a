/**
 * Float32 kernels for guests through the tensor_wasm host imports: CUDA through JCuda, or the CPU.
 */
package io.tensorwasm.ops.runtime.gpu;

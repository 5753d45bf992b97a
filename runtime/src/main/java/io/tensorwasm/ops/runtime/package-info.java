/** The TensorWasm function server that the platform operates. */
package io.tensorwasm.ops.runtime;

/** The TensorWasm HTTP API on Vert.x: routes, auth, audit, rate limits and the error table. */
package io.tensorwasm.ops.runtime.api;

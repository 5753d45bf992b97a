/** Kernel dispatch for guests through host imports, with the CPU backend as the fallback. */
package io.tensorwasm.ops.runtime.gpu;

/** Fault injection for end-to-end tests and game days: off unless the operator enables it. */
package io.tensorwasm.ops.runtime.fault;

/** The runbook vocabulary as immutable values; it imports only {@code java.*}. */
package io.tensorwasm.ops.engine.model;

/** Expected checks: CEL expressions over a step's result, health JSON and metrics. */
package io.tensorwasm.ops.engine.check;

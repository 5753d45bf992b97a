/** The runbook engine: runbooks parsed into steps, checked, executed and recorded. */
package io.tensorwasm.ops.engine;

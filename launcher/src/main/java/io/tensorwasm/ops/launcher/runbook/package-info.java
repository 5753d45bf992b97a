/** {@code twops runbook}: lint, list, plan, run and history of runbooks on the terminal. */
package io.tensorwasm.ops.launcher.runbook;

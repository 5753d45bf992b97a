/** Runs runbooks: dry run, interactive and automatic, with approvals, escalation and a listener. */
package io.tensorwasm.ops.engine.exec;

/** The alert path in process: an Alertmanager delivery to the first action of its runbook. */
package io.tensorwasm.ops.bench.alert;

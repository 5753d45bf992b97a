/**
 * What happens to an incident's runbook: its policy (off, suggest, auto), its run in the incident's
 * timeline, and escalation when the engine gives up.
 */
package io.tensorwasm.ops.oncall.remediation;

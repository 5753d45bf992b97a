/**
 * What the console does about an incident once its alert fired: the runbook's policy (off, suggest,
 * auto), every step of the run in the incident's timeline, escalation through the rotation when the
 * engine gives up, and the on-call's own actions.
 */
package io.tensorwasm.ops.web.remediation;

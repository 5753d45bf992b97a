/**
 * Incident response wired once per process: alerts in, incidents, remediation, paging and live
 * runs.
 */
package io.tensorwasm.ops.oncall;

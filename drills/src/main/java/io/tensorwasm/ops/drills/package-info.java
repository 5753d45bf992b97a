/**
 * The readiness drills (paging, disaster-recovery smoke test and rehearsal), their runs and their
 * Quartz scheduler.
 */
package io.tensorwasm.ops.drills;

/** Readiness drills on Quartz's clustered JDBC job store: schedules, runs and their record. */
package io.tensorwasm.ops.web.drill;

/** The drills page: schedules, runs, test pages to acknowledge, run-now. */
package io.tensorwasm.ops.web.drills;

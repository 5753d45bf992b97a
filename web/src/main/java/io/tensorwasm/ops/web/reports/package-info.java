/** The on-call report: times to acknowledge and resolve, and pages per person, with bars. */
package io.tensorwasm.ops.web.reports;

/** The alert desk: the one place that opens, acknowledges, escalates and closes incidents. */
package io.tensorwasm.ops.oncall.desk;

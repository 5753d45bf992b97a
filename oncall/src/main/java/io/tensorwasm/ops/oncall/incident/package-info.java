/** Incidents, their severities, keys and timelines, as stored. */
package io.tensorwasm.ops.oncall.incident;

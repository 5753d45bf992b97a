/** Incidents and their durable timelines: opened by alerts, drills and broken rotations. */
package io.tensorwasm.ops.web.incident;

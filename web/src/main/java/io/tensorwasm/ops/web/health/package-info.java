/** The platform's health as the console probes it: runtime, Prometheus and the database. */
package io.tensorwasm.ops.web.health;

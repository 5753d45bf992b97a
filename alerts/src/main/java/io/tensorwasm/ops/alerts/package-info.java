/** The SLO specification and the generator that turns it into Prometheus rule files. */
package io.tensorwasm.ops.alerts;

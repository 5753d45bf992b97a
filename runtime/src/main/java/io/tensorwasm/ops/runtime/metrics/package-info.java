/** The {@code tensor_wasm_*} Prometheus series the seed runbooks, alerts and dashboards query. */
package io.tensorwasm.ops.runtime.metrics;

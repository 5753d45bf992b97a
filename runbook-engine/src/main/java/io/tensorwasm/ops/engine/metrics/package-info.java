/** Where checks read metrics: the Prometheus HTTP API, or a direct scrape of /metrics. */
package io.tensorwasm.ops.engine.metrics;

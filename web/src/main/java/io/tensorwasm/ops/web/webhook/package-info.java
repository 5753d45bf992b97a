/** Alertmanager's webhook: deliveries stored before they are answered, alerts deduplicated. */
package io.tensorwasm.ops.web.webhook;

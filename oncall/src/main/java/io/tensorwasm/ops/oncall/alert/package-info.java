/**
 * Alertmanager's deliveries as they arrive: the payload, its alerts and the ledger of every
 * delivery.
 */
package io.tensorwasm.ops.oncall.alert;

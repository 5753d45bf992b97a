/**
 * Target adapters: how start, stop, restart, status and logs reach a local process, systemd or
 * Kubernetes.
 */
package io.tensorwasm.ops.engine.target;

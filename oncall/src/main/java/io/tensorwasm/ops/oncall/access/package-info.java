/**
 * Who may use the console: scoped tokens stored hashed, their roles, and the secrets every console
 * node shares.
 */
package io.tensorwasm.ops.oncall.access;

/** The on-call console and the receivers and schedulers that feed it. */
package io.tensorwasm.ops.web;

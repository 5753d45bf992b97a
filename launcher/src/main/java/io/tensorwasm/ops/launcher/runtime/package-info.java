/** The {@code tensor-wasm} command that the seed runbooks call: serve, observe, deploy, backup. */
package io.tensorwasm.ops.launcher.runtime;

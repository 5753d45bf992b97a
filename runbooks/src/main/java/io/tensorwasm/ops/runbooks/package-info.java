/** The runbook pages on the classpath and an interim reader of their Markdown. */
package io.tensorwasm.ops.runbooks;

/** The record of every execution, and the guardrails of automatic runs, over JDBC with Flyway. */
package io.tensorwasm.ops.engine.store;

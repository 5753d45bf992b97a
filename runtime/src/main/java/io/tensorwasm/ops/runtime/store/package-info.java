/** The function registry's persistence: JDBC over H2 or PostgreSQL, schema by Flyway. */
package io.tensorwasm.ops.runtime.store;

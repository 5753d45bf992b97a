/** The console's database: one pool, and the Flyway migrations of the engine and the console. */
package io.tensorwasm.ops.web.store;

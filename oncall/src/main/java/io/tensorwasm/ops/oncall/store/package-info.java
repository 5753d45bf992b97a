/** The console's database: the pool and its migrations, JDBC helpers and stored secrets. */
package io.tensorwasm.ops.oncall.store;

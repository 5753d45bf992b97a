/** Test fixtures that start real processes and servers on loopback and always stop them. */
package io.tensorwasm.ops.testkit;

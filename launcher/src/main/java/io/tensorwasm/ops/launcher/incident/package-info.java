/** {@code twops incident}: incidents from the command line, over the console's database. */
package io.tensorwasm.ops.launcher.incident;

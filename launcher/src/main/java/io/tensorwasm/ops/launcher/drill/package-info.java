/** {@code twops drill} and the drill options of {@code twops start}. */
package io.tensorwasm.ops.launcher.drill;

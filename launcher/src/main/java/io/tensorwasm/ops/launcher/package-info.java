/** Command-line entry points that start and drive the platform. */
package io.tensorwasm.ops.launcher;

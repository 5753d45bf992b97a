/** {@code twops import}: schedules, overrides and escalation policies from other paging tools. */
package io.tensorwasm.ops.launcher.imports;

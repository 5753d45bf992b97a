/**
 * On-call schedules: layers of rotations, overrides, swaps, escalation policies and their feeds.
 */
package io.tensorwasm.ops.oncall.schedule;

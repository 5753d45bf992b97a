/** On-call schedules in the console: who is on call, a fortnight's timeline, overrides, feeds. */
package io.tensorwasm.ops.web.schedules;

/**
 * Paging people for incidents through their rotation's channels, and escalating what nobody
 * acknowledges.
 */
package io.tensorwasm.ops.oncall.paging;

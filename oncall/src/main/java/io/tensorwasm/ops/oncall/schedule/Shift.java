package io.tensorwasm.ops.oncall.schedule;

import java.time.Instant;

/**
 * A final shift: who is on call from one instant to another, overrides and swaps applied.
 *
 * @param person who
 * @param from from
 * @param to until, exclusive
 * @param overridden true when an override or a swap put the person there
 */
public record Shift(String person, Instant from, Instant to, boolean overridden) {}

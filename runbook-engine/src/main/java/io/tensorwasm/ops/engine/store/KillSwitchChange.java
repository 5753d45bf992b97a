package io.tensorwasm.ops.engine.store;

import java.time.Instant;

/**
 * One flip of the kill switch.
 *
 * @param engaged true when it was engaged, false when released
 * @param by who flipped it
 * @param reason why, when engaged
 * @param at when
 */
public record KillSwitchChange(boolean engaged, String by, String reason, Instant at) {}

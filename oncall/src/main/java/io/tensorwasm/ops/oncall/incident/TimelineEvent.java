package io.tensorwasm.ops.oncall.incident;

import java.time.Instant;

/**
 * One entry of an incident's timeline.
 *
 * @param at when it happened
 * @param kind what sort of entry it is
 * @param text what happened, in words; never a token or a secret
 */
public record TimelineEvent(Instant at, Kind kind, String text) {

    /** The sorts of timeline entries. */
    public enum Kind {
        ALERT_FIRING,
        ALERT_RESOLVED,
        RUN_STARTED,
        STEP,
        CHECK,
        RUN_FINISHED,
        PAGE,
        ACKNOWLEDGED,
        ESCALATED,
        HANDOFF,
        DEFERRED,
        RESOLVED,
        NOTE
    }
}

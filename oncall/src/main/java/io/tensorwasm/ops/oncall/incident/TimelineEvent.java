package io.tensorwasm.ops.oncall.incident;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of an incident's timeline.
 *
 * @param at when it happened
 * @param kind what sort of entry it is
 * @param text what happened, in words; never a token or a secret
 * @param execution the run the entry belongs to, if it is one of a run's
 * @param step the step of that run it is about, if it is about one
 */
public record TimelineEvent(
        Instant at, Kind kind, String text, Optional<Long> execution, Optional<Integer> step) {

    public TimelineEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(execution, "execution");
        Objects.requireNonNull(step, "step");
    }

    /** An entry that belongs to no run. */
    public TimelineEvent(Instant at, Kind kind, String text) {
        this(at, kind, text, Optional.empty(), Optional.empty());
    }

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

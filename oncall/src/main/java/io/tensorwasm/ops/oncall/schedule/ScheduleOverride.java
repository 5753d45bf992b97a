package io.tensorwasm.ops.oncall.schedule;

import java.time.Instant;
import java.util.Objects;

/**
 * Someone covers a schedule for a time, whoever its rotations say: a person covering a night, or
 * one half of a swap.
 *
 * @param from when the cover starts
 * @param to when it ends, exclusive
 * @param person who covers
 * @param note why, for the schedule page and the feed: "override", "swap with Bo Lind"
 */
public record ScheduleOverride(Instant from, Instant to, String person, String note) {

    public ScheduleOverride {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(note, "note");
        if (person == null || person.isBlank()) {
            throw new IllegalArgumentException("an override names who covers");
        }
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException(
                    from + " to " + to + ": an override ends after it starts");
        }
    }

    /** True when the override covers the instant. */
    public boolean covers(Instant at) {
        return !at.isBefore(from) && at.isBefore(to);
    }
}

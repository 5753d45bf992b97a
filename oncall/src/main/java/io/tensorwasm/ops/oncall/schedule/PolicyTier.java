package io.tensorwasm.ops.oncall.schedule;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One tier of an escalation policy: whom it pages, and how long they have to acknowledge before the
 * next tier is paged.
 *
 * @param schedule the schedule whose holder is paged, or empty
 * @param person the person paged, when no schedule is named
 * @param ackTimeout how long the tier has to acknowledge
 */
public record PolicyTier(Optional<String> schedule, Optional<String> person, Duration ackTimeout) {

    public PolicyTier {
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(ackTimeout, "ackTimeout");
        if (schedule.isPresent() == person.isPresent()) {
            throw new IllegalArgumentException("a tier names either a schedule or a person");
        }
        if (ackTimeout.isNegative() || ackTimeout.isZero()) {
            throw new IllegalArgumentException(ackTimeout + ": an ack timeout must be positive");
        }
    }

    /** A tier that pages whoever holds a schedule. */
    public static PolicyTier schedule(String name, Duration ackTimeout) {
        return new PolicyTier(Optional.of(name), Optional.empty(), ackTimeout);
    }

    /** A tier that pages one person. */
    public static PolicyTier person(String name, Duration ackTimeout) {
        return new PolicyTier(Optional.empty(), Optional.of(name), ackTimeout);
    }

    /** {@code schedule primary} or {@code person Cy Diaz}, for plans and pages. */
    public String target() {
        return schedule.map(s -> "schedule " + s).orElseGet(() -> "person " + person.get());
    }
}

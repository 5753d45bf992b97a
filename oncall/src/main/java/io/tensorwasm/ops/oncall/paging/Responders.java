package io.tensorwasm.ops.oncall.paging;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Who holds each tier at a given time, and how to reach a person: what {@link Paging} asks before
 * every page. The rotation file answers the same at every instant; schedules answer by their
 * rotations and overrides.
 */
public interface Responders {

    /** The responder of a tier at an instant, if the tier is staffed then. */
    Optional<Rotations.Responder> responder(Tier tier, Instant at);

    /** How long a tier has to acknowledge before the next one is paged. */
    Duration ackTimeout(Tier tier);

    /** How a person who was paged is reached again (to acknowledge or resolve). */
    Optional<PageChannel> channelOf(String person);

    /** The maintainers list. */
    Rotations.Maintainers maintainers();
}

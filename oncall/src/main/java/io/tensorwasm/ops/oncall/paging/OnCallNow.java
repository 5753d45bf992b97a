package io.tensorwasm.ops.oncall.paging;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Who is paged for an incident now and what happens next (issue #17): the last page, whether it was
 * acknowledged, and, while it is not, when it escalates and to whom.
 *
 * @param page the incident's last page, empty when none went out
 * @param next the escalation that comes when nobody acknowledges, empty when none is pending
 */
public record OnCallNow(Optional<Page> page, Optional<Next> next) {

    public OnCallNow {
        Objects.requireNonNull(page, "page");
        Objects.requireNonNull(next, "next");
    }

    /** Nobody was paged for the incident. */
    public static final OnCallNow NOBODY = new OnCallNow(Optional.empty(), Optional.empty());

    /**
     * A page that went out.
     *
     * @param tier the tier it went to
     * @param person who holds that tier
     * @param sentAt when
     * @param acknowledgedBy who acknowledged it, if someone did
     * @param acknowledgedAt when
     * @param escalated true when it went unacknowledged and the next tier was paged
     */
    public record Page(
            Tier tier,
            String person,
            Instant sentAt,
            Optional<String> acknowledgedBy,
            Optional<Instant> acknowledgedAt,
            boolean escalated) {}

    /**
     * The escalation that comes when nobody acknowledges.
     *
     * @param at when it fires
     * @param tier the tier paged then; empty after the lead, when the rotation is broken
     * @param person who holds that tier, when it is staffed
     */
    public record Next(Instant at, Optional<Tier> tier, Optional<String> person) {}
}

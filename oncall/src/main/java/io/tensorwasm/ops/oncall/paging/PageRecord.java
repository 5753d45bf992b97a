package io.tensorwasm.ops.oncall.paging;

import java.time.Instant;
import java.util.Optional;

/**
 * One page as the incident's record keeps it, for the postmortem export (issue #19).
 *
 * @param tier primary, secondary or lead
 * @param person who was paged
 * @param sentAt when
 * @param ackDeadline when it escalates unless acknowledged
 * @param acknowledgedAt when it was acknowledged, if it was
 * @param acknowledgedBy who acknowledged it, or empty
 * @param escalatedAt when it escalated to the next tier, if it did
 * @param delivery what the channel answered
 */
public record PageRecord(
        String tier,
        String person,
        Instant sentAt,
        Instant ackDeadline,
        Optional<Instant> acknowledgedAt,
        String acknowledgedBy,
        Optional<Instant> escalatedAt,
        String delivery) {}

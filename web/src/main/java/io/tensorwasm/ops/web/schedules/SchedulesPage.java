package io.tensorwasm.ops.web.schedules;

import java.util.List;

/**
 * The schedules: who holds each tier of the default policy now, every schedule with its holder, and
 * the live calendar feeds.
 *
 * @param tiers the default policy's tiers and who holds them now
 * @param schedules every schedule
 * @param feeds the live feeds
 * @param notice what the last form did, or empty
 */
public record SchedulesPage(
        List<TierNow> tiers, List<Row> schedules, List<FeedRow> feeds, String notice) {

    /**
     * A tier of the default policy.
     *
     * @param tier primary, secondary or lead
     * @param target the schedule or person it names
     * @param holder who holds it now, or "nobody"
     * @param ackTimeout how long they have to acknowledge
     */
    public record TierNow(String tier, String target, String holder, String ackTimeout) {}

    /**
     * A schedule.
     *
     * @param name its name
     * @param zone its time zone
     * @param source where it came from
     * @param holder who holds it now, or "nobody"
     */
    public record Row(String name, String zone, String source, String holder) {}

    /**
     * A calendar feed.
     *
     * @param id its id
     * @param subject what it shows
     * @param createdBy who made it
     */
    public record FeedRow(String id, String subject, String createdBy) {}
}

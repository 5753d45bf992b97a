package io.tensorwasm.ops.web.schedules;

import java.util.List;

/**
 * One schedule: who holds it now, the next fourteen days drawn, its rotations, overrides and final
 * shifts, and the forms that add an override, a swap or a feed.
 *
 * @param name its name
 * @param zone its time zone
 * @param source where it came from
 * @param holder who holds it now, or "nobody"
 * @param timeline the fortnight drawn
 * @param layers its rotations in words
 * @param overrides its overrides in words
 * @param shifts the final shifts of the fortnight in words
 * @param notice what the last form did, or empty
 */
public record SchedulePage(
        String name,
        String zone,
        String source,
        String holder,
        ShiftTimeline timeline,
        List<String> layers,
        List<String> overrides,
        List<String> shifts,
        String notice) {}

package io.tensorwasm.ops.web.schedules;

import io.tensorwasm.ops.oncall.schedule.Shift;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The next fourteen days of a schedule drawn as an SVG strip: one bar per final shift, a tick per
 * local midnight. Bars carry a colour class per person (no inline style: the console's policy
 * forbids it), and a title with the exact times.
 *
 * @param width the drawing's width
 * @param bars the shifts
 * @param days the day ticks
 */
public record ShiftTimeline(int width, List<Bar> bars, List<Day> days) {

    static final int DAY_WIDTH = 60;
    static final Duration SPAN = Duration.ofDays(14);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ROOT);

    /**
     * One shift.
     *
     * @param x where it starts, across
     * @param width how wide
     * @param person who
     * @param colour the CSS class of their colour, {@code person-0} to {@code person-7}
     * @param title the times, for the tooltip
     * @param overridden whether an override or a swap put them there
     */
    public record Bar(
            String x,
            String width,
            String person,
            String colour,
            String title,
            boolean overridden) {}

    /**
     * A local midnight.
     *
     * @param x where
     * @param label the day: {@code Mon 26}
     */
    public record Day(String x, String label) {}

    /** The strip of the shifts from {@code from} for fourteen days, in the schedule's zone. */
    static ShiftTimeline of(List<Shift> shifts, Instant from, ZoneId zone) {
        double perSecond = DAY_WIDTH * 14.0 / SPAN.toSeconds();
        Map<String, Integer> colours = new LinkedHashMap<>();
        List<Bar> bars = new ArrayList<>();
        for (Shift s : shifts) {
            int colour = colours.computeIfAbsent(s.person(), p -> colours.size() % 8);
            double x = Duration.between(from, s.from()).toSeconds() * perSecond;
            double w = Duration.between(s.from(), s.to()).toSeconds() * perSecond;
            bars.add(
                    new Bar(
                            round(x),
                            round(w),
                            s.person(),
                            "person-" + colour,
                            s.person()
                                    + ": "
                                    + TIME.format(s.from().atZone(zone))
                                    + " to "
                                    + TIME.format(s.to().atZone(zone))
                                    + (s.overridden() ? " (override)" : ""),
                            s.overridden()));
        }
        List<Day> days = new ArrayList<>();
        ZonedDateTime midnight = from.atZone(zone).truncatedTo(ChronoUnit.DAYS).plusDays(1);
        for (; midnight.toInstant().isBefore(from.plus(SPAN)); midnight = midnight.plusDays(1)) {
            double x = Duration.between(from, midnight.toInstant()).toSeconds() * perSecond;
            days.add(
                    new Day(
                            round(x),
                            midnight.format(DateTimeFormatter.ofPattern("EEE d", Locale.ROOT))));
        }
        return new ShiftTimeline(DAY_WIDTH * 14, bars, days);
    }

    private static String round(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}

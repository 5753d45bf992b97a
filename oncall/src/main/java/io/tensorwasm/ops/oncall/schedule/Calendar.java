package io.tensorwasm.ops.oncall.schedule;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Final shifts as an iCalendar feed (RFC 5545, written by biweekly): one event per shift, titled
 * with who is on call for what, so a person's calendar app shows their nights.
 *
 * <pre>{@code
 * String ics = Calendar.of("primary", List.of(new Calendar.Entry("primary", shift)), now);
 * }</pre>
 */
public final class Calendar {

    private Calendar() {}

    /**
     * A shift of a schedule.
     *
     * @param schedule the schedule's name
     * @param shift the final shift
     */
    public record Entry(String schedule, Shift shift) {}

    /** The feed: its name, and one event per entry, stamped with the time it was made. */
    public static String of(String name, List<Entry> entries, Instant now) {
        ICalendar ical = new ICalendar();
        ical.setProductId("-//TensorWasm Ops//on-call schedules//EN");
        ical.setName("On call: " + name);
        ical.setExperimentalProperty("X-WR-CALNAME", "On call: " + name);
        for (Entry entry : entries) {
            Shift shift = entry.shift();
            VEvent event = new VEvent();
            event.setUid(uid(entry));
            event.setDateTimeStamp(Date.from(now));
            event.setDateStart(Date.from(shift.from()));
            event.setDateEnd(Date.from(shift.to()));
            event.setSummary(
                    "On call: "
                            + shift.person()
                            + " ("
                            + entry.schedule()
                            + (shift.overridden() ? ", override" : "")
                            + ")");
            ical.addEvent(event);
        }
        return Biweekly.write(ical).go();
    }

    /** The same shift keeps its id across fetches, so calendar apps update it in place. */
    private static String uid(Entry entry) {
        return entry.schedule().replaceAll("[^A-Za-z0-9._-]", "-")
                + "-"
                + entry.shift().from().getEpochSecond()
                + "-"
                + entry.shift().person().replaceAll("[^A-Za-z0-9._-]", "-")
                + "@twops";
    }
}

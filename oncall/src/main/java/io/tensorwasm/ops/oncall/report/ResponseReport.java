package io.tensorwasm.ops.oncall.report;

import io.tensorwasm.ops.oncall.store.Jdbc;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The on-call report (issue #20), read from the incident records: time to acknowledge (opening to
 * the first acknowledgement on the timeline) and time to resolve (opening to closing), by week of
 * opening, severity and runbook; and the pages each person got, with those sent out of hours
 * (before 09:00, from 18:00, or at a weekend, in the report's time zone).
 *
 * <pre>{@code
 * ResponseReport.Report r = new ResponseReport(dataSource).of(from, to, ZoneId.of("Europe/Berlin"));
 * }</pre>
 */
public final class ResponseReport {

    static final LocalTime DAY_STARTS = LocalTime.of(9, 0);
    static final LocalTime DAY_ENDS = LocalTime.of(18, 0);

    private final Jdbc jdbc;

    /** The report over the console's database. */
    public ResponseReport(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource, "incident records");
    }

    /**
     * One incident's times.
     *
     * @param week the ISO week it opened in, in the report's zone: {@code 2026-W43}
     * @param severity its severity label
     * @param runbook its runbook, or {@code (none)}
     * @param toAcknowledge opening to first acknowledgement, if acknowledged
     * @param toResolve opening to resolution, if resolved
     */
    record Times(
            String week,
            String severity,
            String runbook,
            Optional<Duration> toAcknowledge,
            Optional<Duration> toResolve) {}

    /**
     * The pages a person got.
     *
     * @param person who
     * @param pages how many
     * @param outOfHours how many of them out of hours
     */
    public record Pages(String person, int pages, int outOfHours) {}

    /**
     * The report.
     *
     * @param from the first instant counted
     * @param to the instant after the last
     * @param zone the zone weeks and working hours are counted in
     * @param byWeek figures by week
     * @param bySeverity figures by severity
     * @param byRunbook figures by runbook
     * @param pages pages by person, most paged first
     */
    public record Report(
            Instant from,
            Instant to,
            ZoneId zone,
            List<Figures> byWeek,
            List<Figures> bySeverity,
            List<Figures> byRunbook,
            List<Pages> pages) {}

    /** The report of the incidents opened, and the pages sent, in {@code [from, to)}. */
    public Report of(Instant from, Instant to, ZoneId zone) {
        List<Times> times =
                jdbc.query(
                        "select i.opened_at, i.closed_at, i.status, i.severity, i.runbook_id,"
                                + " (select min(e.at) from incident_event e where e.incident_id = i.id"
                                + " and e.kind = 'ACKNOWLEDGED') as acked_at"
                                + " from incident i where i.opened_at >= ? and i.opened_at < ?"
                                + " order by i.id",
                        s -> {
                            s.setTimestamp(1, Timestamp.from(from));
                            s.setTimestamp(2, Timestamp.from(to));
                        },
                        rs -> {
                            Instant opened = rs.getTimestamp("opened_at").toInstant();
                            Timestamp acked = rs.getTimestamp("acked_at");
                            Timestamp closed = rs.getTimestamp("closed_at");
                            return new Times(
                                    week(opened, zone),
                                    rs.getString("severity"),
                                    Optional.ofNullable(rs.getString("runbook_id"))
                                            .orElse("(none)"),
                                    Optional.ofNullable(acked)
                                            .map(a -> Duration.between(opened, a.toInstant())),
                                    "resolved".equals(rs.getString("status")) && closed != null
                                            ? Optional.of(
                                                    Duration.between(opened, closed.toInstant()))
                                            : Optional.empty());
                        });
        return new Report(
                from,
                to,
                zone,
                grouped(times, Times::week),
                grouped(times, Times::severity),
                grouped(times, Times::runbook),
                pages(from, to, zone));
    }

    private static List<Figures> grouped(List<Times> times, Function<Times, String> key) {
        Map<String, List<Times>> groups = new TreeMap<>();
        times.forEach(t -> groups.computeIfAbsent(key.apply(t), k -> new ArrayList<>()).add(t));
        return groups.entrySet().stream().map(e -> Figures.of(e.getKey(), e.getValue())).toList();
    }

    private List<Pages> pages(Instant from, Instant to, ZoneId zone) {
        Map<String, int[]> counts = new TreeMap<>();
        jdbc.query(
                "select person, sent_at from page where sent_at >= ? and sent_at < ?",
                s -> {
                    s.setTimestamp(1, Timestamp.from(from));
                    s.setTimestamp(2, Timestamp.from(to));
                },
                rs -> {
                    int[] c = counts.computeIfAbsent(rs.getString(1), p -> new int[2]);
                    c[0]++;
                    if (outOfHours(rs.getTimestamp(2).toInstant(), zone)) {
                        c[1]++;
                    }
                    return c;
                });
        return counts.entrySet().stream()
                .map(e -> new Pages(e.getKey(), e.getValue()[0], e.getValue()[1]))
                .sorted((a, b) -> Integer.compare(b.pages(), a.pages()))
                .toList();
    }

    /** Before 09:00, from 18:00, or on a Saturday or Sunday, in the zone. */
    static boolean outOfHours(Instant at, ZoneId zone) {
        ZonedDateTime local = at.atZone(zone);
        DayOfWeek day = local.getDayOfWeek();
        LocalTime time = local.toLocalTime();
        return day == DayOfWeek.SATURDAY
                || day == DayOfWeek.SUNDAY
                || time.isBefore(DAY_STARTS)
                || !time.isBefore(DAY_ENDS);
    }

    static String week(Instant at, ZoneId zone) {
        ZonedDateTime local = at.atZone(zone);
        return String.format(
                Locale.ROOT,
                "%d-W%02d",
                local.get(IsoFields.WEEK_BASED_YEAR),
                local.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }
}

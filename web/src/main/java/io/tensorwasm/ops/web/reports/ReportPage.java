package io.tensorwasm.ops.web.reports;

import io.tensorwasm.ops.engine.model.Durations;
import io.tensorwasm.ops.oncall.report.Figures;
import io.tensorwasm.ops.oncall.report.ResponseReport;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The on-call report page: three tables of response figures and one of pages, each row with a bar
 * scaled to the table's largest value.
 *
 * @param days how many days back it covers
 * @param zone the zone of weeks and working hours
 * @param byWeek figures by week
 * @param bySeverity figures by severity
 * @param byRunbook figures by runbook
 * @param pages pages per person
 */
public record ReportPage(
        int days,
        String zone,
        List<Row> byWeek,
        List<Row> bySeverity,
        List<Row> byRunbook,
        List<PageRow> pages) {

    static final int BAR = 160;

    /**
     * A row of figures.
     *
     * @param group the week, severity or runbook
     * @param incidents how many
     * @param acknowledged how many acknowledged
     * @param meanToAck mean time to acknowledge, or a dash
     * @param medianToAck median time to acknowledge, or a dash
     * @param ackBar the median's bar width
     * @param resolved how many resolved
     * @param meanToResolve mean time to resolve, or a dash
     * @param medianToResolve median time to resolve, or a dash
     * @param resolveBar the median's bar width
     */
    public record Row(
            String group,
            int incidents,
            int acknowledged,
            String meanToAck,
            String medianToAck,
            String ackBar,
            int resolved,
            String meanToResolve,
            String medianToResolve,
            String resolveBar) {}

    /**
     * A person's pages.
     *
     * @param person who
     * @param pages how many
     * @param outOfHours how many out of hours
     * @param bar the bar of all pages
     * @param outBar the bar of those out of hours
     */
    public record PageRow(String person, int pages, int outOfHours, String bar, String outBar) {}

    static ReportPage of(ResponseReport.Report report, int days) {
        int most = report.pages().stream().mapToInt(ResponseReport.Pages::pages).max().orElse(1);
        return new ReportPage(
                days,
                report.zone().getId(),
                rows(report.byWeek()),
                rows(report.bySeverity()),
                rows(report.byRunbook()),
                report.pages().stream()
                        .map(
                                p ->
                                        new PageRow(
                                                p.person(),
                                                p.pages(),
                                                p.outOfHours(),
                                                width(p.pages(), most),
                                                width(p.outOfHours(), most)))
                        .toList());
    }

    private static List<Row> rows(List<Figures> figures) {
        long ack = max(figures.stream().map(Figures::medianToAcknowledge).toList());
        long resolve = max(figures.stream().map(Figures::medianToResolve).toList());
        return figures.stream()
                .map(
                        f ->
                                new Row(
                                        f.group(),
                                        f.incidents(),
                                        f.acknowledged(),
                                        text(f.meanToAcknowledge()),
                                        text(f.medianToAcknowledge()),
                                        width(seconds(f.medianToAcknowledge()), ack),
                                        f.resolved(),
                                        text(f.meanToResolve()),
                                        text(f.medianToResolve()),
                                        width(seconds(f.medianToResolve()), resolve)))
                .toList();
    }

    private static long max(List<Optional<Duration>> values) {
        return Math.max(1, values.stream().mapToLong(ReportPage::seconds).max().orElse(1));
    }

    private static long seconds(Optional<Duration> d) {
        return d.map(Duration::toSeconds).orElse(0L);
    }

    private static String width(long value, long max) {
        return String.format(Locale.ROOT, "%.1f", BAR * (double) value / Math.max(1, max));
    }

    private static String text(Optional<Duration> d) {
        return d.map(Durations::format).orElse("–");
    }
}

package io.tensorwasm.ops.oncall.run;

import io.tensorwasm.ops.engine.model.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The step timeline of an execution as SVG geometry: per step, a bar for its estimate and one for
 * the time it took, on one linear scale, so a step that ran long stands out. The template draws it;
 * every label goes through the template's escaping.
 *
 * @param width the drawing's width in SVG units
 * @param height its height
 * @param barsFrom where the bars start, after the step labels
 * @param rows one row per step
 */
public record Timeline(int width, int height, int barsFrom, List<Row> rows) {

    static final int WIDTH = 900;
    static final int LABEL = 260;
    static final int BARS = 460;
    static final int ROW = 34;

    public Timeline {
        rows = List.copyOf(rows);
    }

    /** Lays out the steps; a step that has not run has no actual bar. */
    static Timeline of(List<Line> lines) {
        long longest =
                lines.stream()
                        .mapToLong(
                                l ->
                                        Math.max(
                                                l.estimate().toMillis(),
                                                l.actual() == null ? 0 : l.actual().toMillis()))
                        .max()
                        .orElse(0);
        double scale = longest == 0 ? 0 : (double) BARS / longest;
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            int y = 6 + i * ROW;
            String took =
                    line.actual() == null ? "not run" : "took " + Readable.duration(line.actual());
            rows.add(
                    new Row(
                            line.step(),
                            label(line),
                            y,
                            width(line.estimate(), scale),
                            line.actual() == null ? 0 : Math.max(2, width(line.actual(), scale)),
                            line.css(),
                            "est. " + Durations.format(line.estimate()) + " · " + took));
        }
        return new Timeline(WIDTH, 12 + lines.size() * ROW, LABEL, rows);
    }

    private static double width(Duration duration, double scale) {
        return Math.round(duration.toMillis() * scale * 10) / 10.0;
    }

    private static String label(Line line) {
        String text = line.step() + "  " + line.action();
        return text.length() <= 34 ? text : text.substring(0, 33) + "…";
    }

    /**
     * One step to draw.
     *
     * @param step its number
     * @param action its action
     * @param estimate its estimate
     * @param actual how long it took, or null when it has not run
     * @param css its status, as a CSS class
     */
    record Line(int step, String action, Duration estimate, Duration actual, String css) {}

    /**
     * One drawn row.
     *
     * @param step the step number
     * @param label the step and its action, cut to fit
     * @param y the top of the row
     * @param estimateWidth the estimate bar's width
     * @param actualWidth the actual bar's width, 0 when it has not run
     * @param css the status class of the actual bar
     * @param text the estimate and the time taken, in words
     */
    public record Row(
            int step,
            String label,
            int y,
            double estimateWidth,
            double actualWidth,
            String css,
            String text) {

        /** The y of the actual bar, under the estimate bar. */
        public int actualY() {
            return y + 12;
        }

        /** The baseline of the row's texts. */
        public int textY() {
            return y + 17;
        }

        /** The status in words for a tooltip. */
        public String title() {
            return ("step " + step + ": " + text).toLowerCase(Locale.ROOT);
        }
    }
}

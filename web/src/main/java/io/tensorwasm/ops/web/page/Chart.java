package io.tensorwasm.ops.web.page;

import io.tensorwasm.ops.engine.model.Texts;
import io.tensorwasm.ops.oncall.run.Sparkline;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A small SVG chart of a query over a time range, drawn on the server like the sparklines: one line
 * per series (at most four), on one scale, with the least and greatest values and the range in
 * words, so the page stays useful where no Grafana answers.
 *
 * @param lines the series drawn, each with its label text and points
 * @param least the least value drawn
 * @param greatest the greatest value drawn
 * @param range the time range, in words
 * @param more how many series were left out
 */
public record Chart(List<Line> lines, String least, String greatest, String range, int more) {

    /** The chart's size, in SVG units. */
    public static final int WIDTH = 320;

    public static final int HEIGHT = 64;

    static final int MAX_LINES = 4;

    /**
     * One series.
     *
     * @param label its labels as {@code {job="x"}}, or empty for a single unlabelled series
     * @param points the polyline's points, {@code x,y x,y ...}
     * @param last its newest value
     */
    public record Line(String label, String points, String last) {}

    /**
     * A series to draw: its labels and its values at their times, oldest first.
     *
     * @param labels the series' labels
     * @param values its values in time order
     */
    public record Data(Map<String, String> labels, List<Double> values) {}

    /** The chart of the series over a range; empty when no series holds a value. */
    public static java.util.Optional<Chart> of(List<Data> series, Instant from, Instant to) {
        List<Data> drawn =
                series.stream().filter(s -> !s.values().isEmpty()).limit(MAX_LINES).toList();
        if (drawn.isEmpty()) {
            return java.util.Optional.empty();
        }
        double least =
                drawn.stream()
                        .flatMap(s -> s.values().stream())
                        .filter(Double::isFinite)
                        .mapToDouble(Double::doubleValue)
                        .min()
                        .orElse(0);
        double greatest =
                drawn.stream()
                        .flatMap(s -> s.values().stream())
                        .filter(Double::isFinite)
                        .mapToDouble(Double::doubleValue)
                        .max()
                        .orElse(0);
        Sparkline.Frame frame = new Sparkline.Frame(WIDTH, HEIGHT, least, greatest);
        List<Line> lines =
                drawn.stream()
                        .map(
                                s ->
                                        new Line(
                                                drawn.size() == 1 && series.size() == 1
                                                        ? ""
                                                        : label(s.labels()),
                                                Sparkline.Frame.polyline(
                                                        frame.points(finite(s.values(), least))),
                                                Sparkline.number(
                                                        s.values().get(s.values().size() - 1))))
                        .toList();
        return java.util.Optional.of(
                new Chart(
                        lines,
                        Sparkline.number(least),
                        Sparkline.number(greatest),
                        Texts.utc(from) + " to " + Texts.utc(to),
                        series.size() - drawn.size()));
    }

    /** Draws a value Prometheus could not compute (NaN, infinity) at the bottom. */
    private static List<Double> finite(List<Double> values, double least) {
        return values.stream().map(v -> Double.isFinite(v) ? v : least).toList();
    }

    private static String label(Map<String, String> labels) {
        return labels.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
                .collect(Collectors.joining(", ", "{", "}"));
    }
}

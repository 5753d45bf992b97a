package io.tensorwasm.ops.web.runs;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A small SVG line of the values a check read, oldest to newest, scaled between their least and
 * greatest. The console's script redraws it the same way as new polls arrive.
 *
 * @param reading what was read, such as {@code metric("tensor_wasm_http_requests_total")}
 * @param points the polyline's points, {@code x,y x,y ...}
 * @param values the values, comma separated, for the script to extend
 * @param last the newest value
 * @param least the least value
 * @param greatest the greatest value
 * @param lastX where the newest value is drawn, across
 * @param lastY where the newest value is drawn, down
 */
public record Sparkline(
        String reading,
        String points,
        String values,
        String last,
        String least,
        String greatest,
        String lastX,
        String lastY) {

    static final int WIDTH = 240;
    static final int HEIGHT = 40;
    static final int PAD = 3;

    /** The line of the values; there is at least one. */
    static Sparkline of(String reading, List<Double> values) {
        double least = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double greatest = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        StringBuilder points = new StringBuilder();
        double x = 0;
        double y = 0;
        for (int i = 0; i < values.size(); i++) {
            x =
                    values.size() == 1
                            ? WIDTH / 2.0
                            : PAD + (WIDTH - 2.0 * PAD) * i / (values.size() - 1);
            y =
                    greatest == least
                            ? HEIGHT / 2.0
                            : HEIGHT
                                    - PAD
                                    - (HEIGHT - 2.0 * PAD)
                                            * (values.get(i) - least)
                                            / (greatest - least);
            points.append(i == 0 ? "" : " ").append(round(x)).append(',').append(round(y));
        }
        return new Sparkline(
                reading,
                points.toString(),
                values.stream().map(Sparkline::number).collect(Collectors.joining(",")),
                number(values.get(values.size() - 1)),
                number(least),
                number(greatest),
                round(x),
                round(y));
    }

    private static String round(double v) {
        return Double.toString(Math.round(v * 10) / 10.0);
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15
                ? Long.toString((long) v)
                : Double.toString(v);
    }
}

package io.tensorwasm.ops.oncall.run;

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
    public static Sparkline of(String reading, List<Double> values) {
        double least = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double greatest = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        Frame frame = new Frame(WIDTH, HEIGHT, least, greatest);
        List<double[]> xy = frame.points(values);
        double[] last = xy.get(xy.size() - 1);
        return new Sparkline(
                reading,
                Frame.polyline(xy),
                values.stream().map(Sparkline::number).collect(Collectors.joining(",")),
                number(values.get(values.size() - 1)),
                number(least),
                number(greatest),
                Frame.round(last[0]),
                Frame.round(last[1]));
    }

    /** A value as the pages print it: whole numbers without a decimal point. */
    public static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15
                ? Long.toString((long) v)
                : Double.toString(v);
    }

    /**
     * Where values are drawn in a box of the given size: evenly across, scaled between the least
     * and the greatest down, a flat line through the middle when they are all the same. Sparklines
     * and charts share it, so they read alike.
     */
    public record Frame(int width, int height, double least, double greatest) {

        public List<double[]> points(List<Double> values) {
            List<double[]> xy = new java.util.ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                double x =
                        values.size() == 1
                                ? width / 2.0
                                : PAD + (width - 2.0 * PAD) * i / (values.size() - 1);
                xy.add(new double[] {x, y(values.get(i))});
            }
            return xy;
        }

        public double y(double value) {
            return greatest == least
                    ? height / 2.0
                    : height - PAD - (height - 2.0 * PAD) * (value - least) / (greatest - least);
        }

        public static String polyline(List<double[]> xy) {
            return xy.stream()
                    .map(p -> round(p[0]) + "," + round(p[1]))
                    .collect(Collectors.joining(" "));
        }

        public static String round(double v) {
            return Double.toString(Math.round(v * 10) / 10.0);
        }
    }
}

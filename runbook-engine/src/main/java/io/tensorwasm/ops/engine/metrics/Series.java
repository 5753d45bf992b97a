package io.tensorwasm.ops.engine.metrics;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One series of a range query: its labels and its values over time, oldest first.
 *
 * @param labels the series' labels, without {@code __name__}
 * @param points its values in time order
 */
public record Series(Map<String, String> labels, List<Point> points) {

    public Series {
        labels = Map.copyOf(labels);
        points = List.copyOf(points);
    }

    /**
     * One value of a series.
     *
     * @param at when it was evaluated
     * @param value the value
     */
    public record Point(Instant at, double value) {
        public Point {
            Objects.requireNonNull(at, "at");
        }
    }
}

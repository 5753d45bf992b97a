package io.tensorwasm.ops.engine.metrics;

import java.util.Map;
import java.util.Objects;

/**
 * One value of one series.
 *
 * @param name the metric name
 * @param labels its labels
 * @param value its value
 */
public record Sample(String name, Map<String, String> labels, double value) {

    public Sample {
        Objects.requireNonNull(name, "name");
        labels = Map.copyOf(labels);
    }

    /** True when it has the name and every given label. */
    public boolean matches(String metric, Map<String, String> wanted) {
        return name.equals(metric) && labels.entrySet().containsAll(wanted.entrySet());
    }
}

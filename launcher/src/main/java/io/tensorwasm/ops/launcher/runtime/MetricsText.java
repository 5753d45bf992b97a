package io.tensorwasm.ops.launcher.runtime;

import io.tensorwasm.ops.engine.metrics.Sample;
import io.tensorwasm.ops.engine.metrics.TextFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The few numbers {@code observe} needs from a Prometheus text exposition, read by the engine's
 * {@link TextFormat}: sums over the samples that match, and a sample's labels.
 */
final class MetricsText {

    private final List<Sample> samples;

    private MetricsText(List<Sample> samples) {
        this.samples = samples;
    }

    /** Reads the exposition; a line that is not a sample is an error naming it. */
    static MetricsText parse(String text) {
        return new MetricsText(TextFormat.parse(text));
    }

    /** The sum of every sample with the name. */
    double sum(String name) {
        return sum(name, labels -> true);
    }

    /** The sum of the samples with the name whose labels pass the filter. */
    double sum(String name, Predicate<Map<String, String>> labels) {
        return TextFormat.sum(samples, name, labels);
    }

    /** The labels of the first sample with the name, or none. */
    Map<String, String> labelsOf(String name) {
        return samples.stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .map(Sample::labels)
                .orElse(Map.of());
    }
}

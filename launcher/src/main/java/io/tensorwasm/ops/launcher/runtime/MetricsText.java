package io.tensorwasm.ops.launcher.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few numbers {@code observe} needs from a Prometheus text exposition: each sample's name,
 * labels and value, summed over the samples that match.
 */
final class MetricsText {

    private static final Pattern LABEL = Pattern.compile("([a-z_]+)=\"([^\"]*)\"");

    private record Sample(String name, String labels, double value) {}

    private final List<Sample> samples;

    private MetricsText(List<Sample> samples) {
        this.samples = samples;
    }

    /** Reads the exposition; comment and blank lines are skipped. */
    static MetricsText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            String name =
                    brace >= 0 && brace < space
                            ? line.substring(0, brace)
                            : line.substring(0, space);
            String labels =
                    brace >= 0 && brace < space
                            ? line.substring(brace, line.lastIndexOf('}') + 1)
                            : "";
            samples.add(
                    new Sample(
                            name.strip(), labels, Double.parseDouble(line.substring(space + 1))));
        }
        return new MetricsText(samples);
    }

    /** The sum of every sample with the name. */
    double sum(String name) {
        return sum(name, labels -> true);
    }

    /** The sum of the samples with the name whose label text passes the filter. */
    double sum(String name, Predicate<String> labels) {
        double total = 0;
        for (Sample s : samples) {
            if (s.name().equals(name) && labels.test(s.labels())) {
                total += s.value();
            }
        }
        return total;
    }

    /** The label values of the first sample with the name. */
    Map<String, String> labelsOf(String name) {
        Map<String, String> out = new HashMap<>();
        for (Sample s : samples) {
            if (s.name().equals(name)) {
                Matcher m = LABEL.matcher(s.labels());
                while (m.find()) {
                    out.put(m.group(1), m.group(2));
                }
                return out;
            }
        }
        return out;
    }
}

package io.tensorwasm.ops.web.drill;

import java.util.Optional;

/**
 * Sums one metric's series in the Prometheus text format; the smoke test needs nothing more, and
 * reading {@code /metrics} directly keeps it free of any cache between the two fetches.
 */
final class MetricsText {

    private MetricsText() {}

    /** The sum of every series of the metric, or empty when it has none. */
    static Optional<Double> sum(String text, String metric) {
        double total = 0;
        boolean found = false;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("#") || !line.startsWith(metric)) {
                continue;
            }
            String rest = line.substring(metric.length());
            if (!rest.startsWith("{") && !rest.startsWith(" ")) {
                continue;
            }
            int end = rest.startsWith("{") ? rest.lastIndexOf('}') + 1 : 0;
            String[] fields = rest.substring(end).strip().split("\\s+");
            try {
                total += Double.parseDouble(fields[0]);
                found = true;
            } catch (NumberFormatException ignored) {
                // Not a sample line of this metric (or a malformed one): skip it, as a scrape
                // would.
            }
        }
        return found ? Optional.of(total) : Optional.empty();
    }
}

package io.tensorwasm.ops.alerts;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One generated Prometheus rule: a recording rule when {@code alert} is false, else an alert.
 * Labels and annotations keep the order in which the file lists them.
 *
 * @param hold the {@code for} duration, empty when the alert fires on first evaluation
 */
public record Rule(
        boolean alert,
        String name,
        String expr,
        String hold,
        Map<String, String> labels,
        Map<String, String> annotations) {

    public Rule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expr, "expr");
        Objects.requireNonNull(hold, "hold");
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
    }
}

package io.tensorwasm.ops.oncall.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric value a check read, taken from what the engine observed ({@code
 * metric("tensor_wasm_http_requests_total")=42.0, status=200}): a {@code metric()} or {@code
 * promql()} value first, else the {@code value} of a {@code promql} step. Status codes and exit
 * codes are not metrics, so they are not drawn.
 *
 * @param name what was read, such as {@code metric("tensor_wasm_http_requests_total")}
 * @param value its value
 */
public record ObservedValue(String name, double value) {

    private static final Pattern READING =
            Pattern.compile(
                    "((?:metric|promql)\\(.*?\\)|[A-Za-z_][\\w.]*)=(-?\\d[\\d.]*(?:[eE][-+]?\\d+)?|NaN)(?=,\\s|;|$)");

    /** The metric value in what a check observed, if it read one. */
    public static Optional<ObservedValue> in(String observed) {
        List<ObservedValue> readings = new ArrayList<>();
        Matcher m = READING.matcher(observed == null ? "" : observed);
        while (m.find()) {
            try {
                readings.add(new ObservedValue(m.group(1), Double.parseDouble(m.group(2))));
            } catch (NumberFormatException ignored) {
                // "1.2.3" looks like a number to the pattern but is none; not a reading.
            }
        }
        return readings.stream()
                .filter(r -> r.name().startsWith("metric(") || r.name().startsWith("promql("))
                .findFirst()
                .or(() -> readings.stream().filter(r -> r.name().equals("value")).findFirst());
    }
}

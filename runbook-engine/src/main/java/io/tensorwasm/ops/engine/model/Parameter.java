package io.tensorwasm.ops.engine.model;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A typed parameter a runbook declares under {@code params} in its front matter, filled into its
 * {@code {name}} placeholders. Its value is checked before step 1, recorded with the execution and
 * reused when the execution is resumed (issue #19).
 *
 * <pre>{@code
 * params:
 *   instance: {type: string, from: labels.instance}
 *   replicas: {type: int, min: 1, max: 10, default: 3}
 *   speed:    {type: enum, choices: [slow, fast], default: slow}
 * }</pre>
 *
 * @param name its name, the {@code {name}} placeholder
 * @param type what values it takes
 * @param min the least value of an int or a duration, as written, or empty
 * @param max the greatest value of an int or a duration, as written, or empty
 * @param choices the values of an enum, in order; empty for the other types
 * @param defaultValue the value when neither the run nor the alert gives one
 * @param label the alert label that gives its value ({@code from: labels.NAME}), or empty
 */
public record Parameter(
        String name,
        Type type,
        String min,
        String max,
        List<String> choices,
        Optional<String> defaultValue,
        String label) {

    public Parameter {
        if (name == null || !name.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
            throw new IllegalArgumentException(
                    "\"" + name + "\": a parameter's name is a word of letters, digits and _");
        }
        Objects.requireNonNull(type, "type");
        min = min == null ? "" : min.strip();
        max = max == null ? "" : max.strip();
        choices = List.copyOf(choices);
        Objects.requireNonNull(defaultValue, "defaultValue");
        label = label == null ? "" : label.strip();
        if ((type == Type.ENUM) == choices.isEmpty()) {
            throw new IllegalArgumentException(
                    name + ": an enum lists its choices, and only an enum has choices");
        }
        if ((!min.isEmpty() || !max.isEmpty()) && type != Type.INT && type != Type.DURATION) {
            throw new IllegalArgumentException(
                    name + ": only an int or a duration has a range (min, max)");
        }
    }

    /** The rule a value must follow, as people read it: {@code int from 1 to 10}. */
    public String rule() {
        String range =
                min.isEmpty() && max.isEmpty()
                        ? ""
                        : min.isEmpty()
                                ? " up to " + max
                                : max.isEmpty() ? " from " + min : " from " + min + " to " + max;
        return switch (type) {
            case ENUM -> "one of " + String.join(", ", choices);
            case TARGET -> "a target of the runbook";
            default -> type.word() + range;
        };
    }

    /** The types of parameters. */
    public enum Type {
        /** Any text; it always fills one word of a command. */
        STRING,
        /** A whole number, within {@code min} and {@code max} when given. */
        INT,
        /** A duration as runbooks write them ({@code 30s}, {@code 5m}). */
        DURATION,
        /** One of {@code choices}. */
        ENUM,
        /** One of the runbook's {@code targets}. */
        TARGET;

        /** The spelling in front matter. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}

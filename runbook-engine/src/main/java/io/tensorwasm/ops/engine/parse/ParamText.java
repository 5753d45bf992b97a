package io.tensorwasm.ops.engine.parse;

import io.tensorwasm.ops.engine.model.Metadata;
import io.tensorwasm.ops.engine.model.Parameter;
import io.tensorwasm.ops.engine.model.ParameterException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one rule of parameter values (issue #19): what an int, a duration, an enum and a target
 * accept, used by lint for defaults and by the executor before step 1. A value is refused with the
 * parameter, the value and the rule.
 *
 * <pre>{@code
 * Map<String, String> values = ParamText.resolve(runbook.metadata(), given);  // or throws
 * }</pre>
 */
public final class ParamText {

    private ParamText() {}

    /** Why a value does not fit a parameter, or empty when it does. */
    public static Optional<String> refusal(Parameter p, String value, List<String> targets) {
        boolean fits =
                switch (p.type()) {
                    case STRING -> true;
                    case INT -> within(integer(value), integer(p.min()), integer(p.max()));
                    case DURATION -> within(duration(value), duration(p.min()), duration(p.max()));
                    case ENUM -> p.choices().contains(value);
                    case TARGET -> targets.contains(value);
                };
        if (fits) {
            return Optional.empty();
        }
        String rule = p.type() == Parameter.Type.TARGET ? "one of " + targets : p.rule();
        return Optional.of(
                "parameter " + p.name() + ": \"" + value + "\" is refused; the rule is " + rule);
    }

    /** The parameters whose value an alert label gives ({@code from: labels.NAME}). */
    public static Map<String, String> fromLabels(Metadata metadata, Map<String, String> labels) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Parameter p : metadata.params()) {
            if (!p.label().isEmpty() && labels.containsKey(p.label())) {
                values.put(p.name(), labels.get(p.label()));
            }
        }
        return values;
    }

    /**
     * Every parameter's value: the one given, else its default. Refuses a name that is no
     * parameter, a parameter without a value, and a value that breaks its rule.
     *
     * @throws ParameterException naming the parameter, the value and the rule
     */
    public static Map<String, String> resolve(Metadata metadata, Map<String, String> given) {
        for (String name : given.keySet()) {
            if (metadata.param(name).isEmpty()) {
                throw new ParameterException(
                        "\""
                                + name
                                + "\" is no parameter of this runbook; its parameters are "
                                + metadata.params().stream().map(Parameter::name).toList());
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Parameter p : metadata.params()) {
            String value = given.containsKey(p.name()) ? given.get(p.name()) : null;
            if (value == null) {
                value =
                        p.defaultValue()
                                .orElseThrow(
                                        () ->
                                                new ParameterException(
                                                        "parameter "
                                                                + p.name()
                                                                + " has no value and no default"
                                                                + (p.label().isEmpty()
                                                                        ? ""
                                                                        : " (the alert has no"
                                                                                + " label "
                                                                                + p.label()
                                                                                + ")")
                                                                + "; the rule is "
                                                                + p.rule()));
            }
            String checked = value;
            refusal(p, checked, metadata.targetNames())
                    .ifPresent(
                            why -> {
                                throw new ParameterException(why);
                            });
            values.put(p.name(), checked);
        }
        return values;
    }

    /**
     * The defaults of the parameters that have one, unchecked: what a plan shows when nobody gave
     * values; the others stay as written, with a note.
     */
    public static Map<String, String> defaults(Metadata metadata) {
        Map<String, String> values = new LinkedHashMap<>();
        metadata.params().forEach(p -> p.defaultValue().ifPresent(d -> values.put(p.name(), d)));
        return values;
    }

    /** A bound as written ({@code min}, {@code max}) that does not read as its type, or empty. */
    static Optional<String> badBound(Parameter.Type type, String bound) {
        if (bound.isEmpty()) {
            return Optional.empty();
        }
        boolean reads =
                type == Parameter.Type.INT ? integer(bound) != null : duration(bound) != null;
        return reads
                ? Optional.empty()
                : Optional.of(
                        "\""
                                + bound
                                + "\" is no "
                                + type.word()
                                + (type == Parameter.Type.INT
                                        ? "; write a whole number"
                                        : "; write 30s, 5m, 1h"));
    }

    private static <T extends Comparable<T>> boolean within(T value, T min, T max) {
        return value != null
                && (min == null || value.compareTo(min) >= 0)
                && (max == null || value.compareTo(max) <= 0);
    }

    private static Long integer(String text) {
        try {
            return text.isEmpty() ? null : Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Duration duration(String text) {
        try {
            return text.isEmpty() ? null : DurationText.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

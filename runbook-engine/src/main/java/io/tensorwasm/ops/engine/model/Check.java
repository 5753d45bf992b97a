package io.tensorwasm.ops.engine.model;

import java.time.Duration;
import java.util.Objects;

/**
 * What a step expects. A machine check has a CEL expression; a manual check keeps the runbook's
 * prose for a person to judge. Both may be present when the prose adds context.
 *
 * @param expression the CEL expression, or empty when only a person can tell
 * @param timing when to evaluate it
 * @param duration the deadline for {@link Timing#WITHIN}, the delay for {@link Timing#AFTER}
 * @param prose the runbook's words for a person, or empty
 */
public record Check(String expression, Timing timing, Duration duration, String prose) {

    public Check {
        expression = expression == null ? "" : expression.strip();
        prose = prose == null ? "" : prose.strip();
        Objects.requireNonNull(timing, "timing");
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException(duration + ": a check duration cannot be negative");
        }
        if (expression.isEmpty() && prose.isEmpty()) {
            throw new IllegalArgumentException("a check needs an expression or prose");
        }
    }

    /** A check evaluated once, right after the action. */
    public static Check of(String expression) {
        return new Check(expression, Timing.NOW, Duration.ZERO, "");
    }

    /** A check only a person can judge. */
    public static Check manual(String prose) {
        return new Check("", Timing.NOW, Duration.ZERO, prose);
    }

    /** True when the engine can evaluate it. */
    public boolean machineCheckable() {
        return !expression.isEmpty();
    }

    /** The check as a runbook writes it: {@code health.status == "ready" within 30s}. */
    public String text() {
        String base = machineCheckable() ? expression : prose;
        return switch (timing) {
            case NOW -> base;
            case WITHIN -> base + " within " + Durations.format(duration);
            case AFTER -> base + " after " + Durations.format(duration);
        };
    }

    /** When a check is evaluated. */
    public enum Timing {
        /** Once, right after the action. */
        NOW,
        /** Polled until true or the deadline. */
        WITHIN,
        /** Once, after a delay. */
        AFTER
    }
}

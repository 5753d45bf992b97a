package io.tensorwasm.ops.engine.model;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits on automatic runs of one runbook, enforced in the execution store so that every console
 * node agrees.
 *
 * @param maxRunsPerHour automatic runs allowed per runbook in any hour
 * @param cooldown the least time between the end of one automatic run and the next
 */
public record Guardrails(int maxRunsPerHour, Duration cooldown) {

    /** Three runs an hour, ten minutes apart. */
    public static final Guardrails DEFAULT = new Guardrails(3, Duration.ofMinutes(10));

    public Guardrails {
        Objects.requireNonNull(cooldown, "cooldown");
        if (maxRunsPerHour < 0) {
            throw new IllegalArgumentException(
                    maxRunsPerHour + ": max_runs_per_hour cannot be negative");
        }
        if (cooldown.isNegative()) {
            throw new IllegalArgumentException(cooldown + ": cooldown cannot be negative");
        }
    }

    /** The same limits without the cooldown, for a run an approver let past it. */
    public Guardrails withoutCooldown() {
        return new Guardrails(maxRunsPerHour, Duration.ZERO);
    }
}

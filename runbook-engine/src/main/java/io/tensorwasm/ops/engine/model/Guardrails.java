package io.tensorwasm.ops.engine.model;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits on automatic runs of one runbook, enforced in the execution store so that every console
 * node agrees.
 *
 * @param maxRunsPerHour automatic runs allowed per runbook in any hour
 * @param cooldown the least time between the end of one automatic run and the next
 * @param shadowRuns how many alert-triggered shadow runs must end clean in a row before a runbook
 *     on {@code automation: shadow} may be promoted to auto (issue #19)
 */
public record Guardrails(int maxRunsPerHour, Duration cooldown, int shadowRuns) {

    /** Three runs an hour, ten minutes apart; three clean shadow runs before a promotion. */
    public static final Guardrails DEFAULT = new Guardrails(3, Duration.ofMinutes(10), 3);

    /** Guardrails with the default of three clean shadow runs. */
    public Guardrails(int maxRunsPerHour, Duration cooldown) {
        this(maxRunsPerHour, cooldown, 3);
    }

    public Guardrails {
        Objects.requireNonNull(cooldown, "cooldown");
        if (maxRunsPerHour < 0) {
            throw new IllegalArgumentException(
                    maxRunsPerHour + ": max_runs_per_hour cannot be negative");
        }
        if (shadowRuns < 1) {
            throw new IllegalArgumentException(shadowRuns + ": shadow_runs is 1 or more");
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

package io.tensorwasm.ops.engine.model;

import java.util.Objects;

/**
 * What to do when a step's action fails or its check does not hold: retry some times, then abort,
 * escalate, go to a step or continue.
 *
 * @param retries how many more attempts before {@code then}
 * @param then what follows the last failed attempt
 * @param gotoStep the step for {@link Then#GOTO}, else 0
 */
public record OnFailure(int retries, Then then, int gotoStep) {

    /** Stop the run as failed. */
    public static final OnFailure ABORT = new OnFailure(0, Then.ABORT, 0);

    /** Page the escalation with the evidence so far, and stop. */
    public static final OnFailure ESCALATE = new OnFailure(0, Then.ESCALATE, 0);

    public OnFailure {
        Objects.requireNonNull(then, "then");
        if (retries < 0) {
            throw new IllegalArgumentException(retries + ": retries cannot be negative");
        }
        if ((then == Then.GOTO) != (gotoStep > 0)) {
            throw new IllegalArgumentException(gotoStep + ": goto needs a step, and only goto");
        }
    }

    /** The spelling in a runbook: {@code retry 2 then escalate}. */
    public String text() {
        String last = then == Then.GOTO ? "goto " + gotoStep : then.word();
        return retries == 0 ? last : "retry " + retries + " then " + last;
    }

    /** The last resort of a failing step. */
    public enum Then {
        ABORT,
        ESCALATE,
        GOTO,
        CONTINUE;

        /** The word in a runbook. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}

package io.tensorwasm.ops.engine.model;

import java.util.Objects;

/**
 * What to do when a step's action fails or its check does not hold: retry some times, then abort,
 * escalate, go to a step, continue, or hand the incident over to another runbook.
 *
 * @param retries how many more attempts before {@code then}
 * @param then what follows the last failed attempt
 * @param gotoStep the step for {@link Then#GOTO}, else 0
 * @param runbook the runbook for {@link Then#RUNBOOK}, else empty
 */
public record OnFailure(int retries, Then then, int gotoStep, String runbook) {

    /** Stop the run as failed. */
    public static final OnFailure ABORT = new OnFailure(0, Then.ABORT, 0);

    /** Page the escalation with the evidence so far, and stop. */
    public static final OnFailure ESCALATE = new OnFailure(0, Then.ESCALATE, 0);

    public OnFailure {
        Objects.requireNonNull(then, "then");
        runbook = runbook == null ? "" : runbook;
        if (retries < 0) {
            throw new IllegalArgumentException(retries + ": retries cannot be negative");
        }
        if ((then == Then.GOTO) != (gotoStep > 0)) {
            throw new IllegalArgumentException(gotoStep + ": goto needs a step, and only goto");
        }
        if ((then == Then.RUNBOOK) != !runbook.isEmpty()) {
            throw new IllegalArgumentException(
                    "\"" + runbook + "\": a hand-over needs a runbook, and only a hand-over");
        }
    }

    /** Anything but a hand-over. */
    public OnFailure(int retries, Then then, int gotoStep) {
        this(retries, then, gotoStep, "");
    }

    /** Hands over to another runbook after the retries. */
    public static OnFailure handOver(int retries, String runbook) {
        return new OnFailure(retries, Then.RUNBOOK, 0, runbook);
    }

    /** The spelling in a runbook: {@code retry 2 then escalate}, {@code runbook rollback}. */
    public String text() {
        String last =
                switch (then) {
                    case GOTO -> "goto " + gotoStep;
                    case RUNBOOK -> "runbook " + runbook;
                    default -> then.word();
                };
        return retries == 0 ? last : "retry " + retries + " then " + last;
    }

    /** The last resort of a failing step. */
    public enum Then {
        ABORT,
        ESCALATE,
        GOTO,
        CONTINUE,
        /** Hand the incident over to another runbook, which runs next. */
        RUNBOOK;

        /** The word in a runbook. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}

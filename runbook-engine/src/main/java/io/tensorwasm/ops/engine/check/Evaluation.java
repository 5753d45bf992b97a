package io.tensorwasm.ops.engine.check;

import java.util.Objects;

/**
 * One evaluation of a check.
 *
 * @param verdict true, false, or error when it could not be evaluated
 * @param observed the values it read, such as {@code health.status="starting"}, or the error
 */
public record Evaluation(Verdict verdict, String observed) {

    public Evaluation {
        Objects.requireNonNull(verdict, "verdict");
        observed = observed == null ? "" : observed;
    }

    /** True when the check holds. */
    public boolean holds() {
        return verdict == Verdict.TRUE;
    }

    /** The three verdicts. */
    public enum Verdict {
        TRUE,
        FALSE,
        ERROR
    }
}

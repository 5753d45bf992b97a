package io.tensorwasm.ops.engine.exec;

import java.util.Objects;

/**
 * A person's answer before a step of an interactive run.
 *
 * @param verdict approve, skip or abort
 * @param person who answered
 * @param reason why, required for skip and abort
 */
public record Decision(Verdict verdict, String person, String reason) {

    public Decision {
        Objects.requireNonNull(verdict, "verdict");
        if (person == null || person.isBlank()) {
            throw new IllegalArgumentException("\"\": a decision names the person who made it");
        }
        reason = reason == null ? "" : reason.strip();
        if (verdict != Verdict.APPROVE && reason.isEmpty()) {
            throw new IllegalArgumentException(
                    verdict + ": skipping or aborting a step needs a reason");
        }
    }

    /** Run the step. */
    public static Decision approve(String person) {
        return new Decision(Verdict.APPROVE, person, "");
    }

    /** Do not run the step, and go on. */
    public static Decision skip(String person, String reason) {
        return new Decision(Verdict.SKIP, person, reason);
    }

    /** Stop the run. */
    public static Decision abort(String person, String reason) {
        return new Decision(Verdict.ABORT, person, reason);
    }

    /** The three answers. */
    public enum Verdict {
        APPROVE,
        SKIP,
        ABORT
    }
}

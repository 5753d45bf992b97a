package io.tensorwasm.ops.oncall.run;

import java.util.Objects;

/**
 * A person's answer to a {@link Question}.
 *
 * @param verdict what they said
 * @param person who said it
 * @param reason why, for a skip or an abort
 * @param choice the chosen answer of a {@code decide} step
 */
public record Answer(Verdict verdict, String person, String reason, String choice) {

    public Answer {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(person, "person");
        reason = reason == null ? "" : reason.strip();
        choice = choice == null ? "" : choice;
        if ((verdict == Verdict.SKIP || verdict == Verdict.ABORT) && reason.isEmpty()) {
            throw new IllegalArgumentException(
                    verdict.name().toLowerCase(java.util.Locale.ROOT)
                            + " without a reason: say why, it goes into the record");
        }
    }

    /** Run the step. */
    public static Answer approve(String person) {
        return new Answer(Verdict.APPROVE, person, "", "");
    }

    /** Do not run the step. */
    public static Answer skip(String person, String reason) {
        return new Answer(Verdict.SKIP, person, reason, "");
    }

    /** Stop the run. */
    public static Answer abort(String person, String reason) {
        return new Answer(Verdict.ABORT, person, reason, "");
    }

    /** The statement holds, or not. */
    public static Answer confirm(String person, boolean holds) {
        return new Answer(holds ? Verdict.HOLDS : Verdict.DOES_NOT_HOLD, person, "", "");
    }

    /** One of the answers of a {@code decide} step. */
    public static Answer choose(String person, String choice) {
        return new Answer(Verdict.CHOOSE, person, "", choice);
    }

    /** The kinds of answer. */
    public enum Verdict {
        APPROVE,
        SKIP,
        ABORT,
        HOLDS,
        DOES_NOT_HOLD,
        CHOOSE
    }
}

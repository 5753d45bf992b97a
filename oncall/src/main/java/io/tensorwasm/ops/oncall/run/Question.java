package io.tensorwasm.ops.oncall.run;

import java.util.List;
import java.util.Objects;

/**
 * What a run asks its person, and waits for: approve, skip or abort a step; does a statement hold;
 * which answer.
 *
 * @param number identifies the question within its run, so a late click cannot answer the next
 * @param kind review, confirm or choose
 * @param step the step number
 * @param action the step's action: as it will run for a review (placeholders filled, each argument
 *     quoted as one word), as written otherwise
 * @param check the step's check as written, or empty
 * @param text the statement to confirm or the question to answer, or empty for a review
 * @param answers the answers to choose from, empty unless choosing
 */
public record Question(
        long number,
        Kind kind,
        int step,
        String action,
        String check,
        String text,
        List<String> answers) {

    public Question {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(action, "action");
        check = check == null ? "" : check;
        text = text == null ? "" : text;
        answers = List.copyOf(answers);
    }

    /** The word the page and the event stream use. */
    public String kindWord() {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** What a run can ask. */
    public enum Kind {
        /** Before a step: approve, skip with a reason, or abort. */
        REVIEW,
        /** A {@code confirm} step or a manual check. */
        CONFIRM,
        /** A {@code decide} step without a check. */
        CHOOSE
    }
}

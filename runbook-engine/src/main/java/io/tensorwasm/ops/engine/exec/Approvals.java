package io.tensorwasm.ops.engine.exec;

import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.model.Step;
import java.util.List;

/**
 * The person at an interactive run: the terminal now, the web console later, through the same three
 * questions. Calls block until the person answers.
 */
public interface Approvals {

    /**
     * Before a step: approve, skip with a reason, or abort. {@code action} is the step's action as
     * it will run: placeholders filled and each argument of a command quoted as one word.
     */
    Decision review(Runbook runbook, Step step, String action);

    /** A {@code confirm} step or a manual check: does the statement hold? */
    boolean confirm(Runbook runbook, Step step, String statement);

    /** A {@code decide} step without a check: which answer? */
    String choose(Runbook runbook, Step step, String question, List<String> answers);

    /** Refuses everything: for contexts where nobody is there to ask. */
    static Approvals nobody() {
        return new Approvals() {
            @Override
            public Decision review(Runbook runbook, Step step, String action) {
                return Decision.abort("engine", "nobody is there to approve step " + step.number());
            }

            @Override
            public boolean confirm(Runbook runbook, Step step, String statement) {
                return false;
            }

            @Override
            public String choose(
                    Runbook runbook, Step step, String question, List<String> answers) {
                throw new IllegalStateException("nobody is there to answer \"" + question + "\"");
            }
        };
    }
}

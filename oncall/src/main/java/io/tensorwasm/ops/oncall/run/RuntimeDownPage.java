package io.tensorwasm.ops.oncall.run;

import java.util.List;

/**
 * Said before an interactive run starts while the runtime does not answer: which steps call it,
 * with the choice to start anyway (a runbook that restarts the runtime is meant for this).
 *
 * @param runbookId the runbook
 * @param title its title
 * @param runtime the runtime's address
 * @param message which steps will fail and why, in a sentence
 * @param steps the numbers of those steps
 */
public record RuntimeDownPage(
        String runbookId, String title, String runtime, String message, List<Integer> steps) {

    public RuntimeDownPage {
        steps = List.copyOf(steps);
    }
}

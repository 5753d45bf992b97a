package io.tensorwasm.ops.engine.exec;

import java.util.List;
import java.util.Objects;

/**
 * A page to the rotation: severity, what it is about, and the evidence gathered by earlier steps.
 *
 * @param severity {@code sev-1} to {@code sev-3}
 * @param runbookId the runbook that escalates
 * @param executionId its execution, 0 for none
 * @param message what happened and what the runbook says to do
 * @param evidence one line per earlier step, with its observed values
 */
public record Escalation(
        String severity,
        String runbookId,
        long executionId,
        String message,
        List<String> evidence) {

    public Escalation {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(runbookId, "runbookId");
        Objects.requireNonNull(message, "message");
        evidence = List.copyOf(evidence);
    }

    /** The page as text. */
    public String text() {
        StringBuilder text = new StringBuilder(severity + " " + runbookId + ": " + message);
        evidence.forEach(e -> text.append("\n  ").append(e));
        return text.toString();
    }
}

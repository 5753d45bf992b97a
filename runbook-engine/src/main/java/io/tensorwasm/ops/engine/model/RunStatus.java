package io.tensorwasm.ops.engine.model;

import java.util.Locale;

/** How an execution stands or ended. */
public enum RunStatus {
    RUNNING,
    SUCCEEDED,
    FAILED,
    ABORTED,
    /** A step failed and the escalation was paged with the evidence. */
    ESCALATED,
    /** An automatic run reached a step that needs a person, and paged for one. */
    PAUSED,
    /** The process died mid-run; found and marked at the next start. */
    INTERRUPTED,
    /** A dry run: nothing ran; the plan and what its read-only steps read are recorded. */
    PLANNED;

    /** The stored word. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status for a stored word. */
    public static RunStatus ofWord(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT));
    }
}

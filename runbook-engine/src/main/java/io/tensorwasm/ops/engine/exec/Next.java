package io.tensorwasm.ops.engine.exec;

/**
 * Where a run goes after a step.
 *
 * @param kind the next move
 * @param step the step for {@link Kind#GOTO}
 * @param runbook the runbook for {@link Kind#RUNBOOK}
 * @param message why, for the summary and the page
 * @param failed true when a failure led here
 */
record Next(Kind kind, int step, String runbook, String message, boolean failed) {

    static final Next NEXT_STEP = new Next(Kind.NEXT, 0, "", "", false);

    static Next abort(String message, boolean failed) {
        return new Next(Kind.ABORT, 0, "", message, failed);
    }

    /** The moves. */
    enum Kind {
        NEXT,
        GOTO,
        END,
        ABORT,
        ESCALATE,
        PAUSE,
        RUNBOOK
    }
}

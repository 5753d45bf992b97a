package io.tensorwasm.ops.oncall.remediation;

import java.util.Locale;

/** Where an incident's remediation stands; the store keeps the lower-case, dashed word. */
public enum RemediationState {
    /** Automation is off: the page links the runbook and a person follows it. */
    NOTIFIED,
    /** The runbook does not lint, so the engine will not run it. */
    NOT_RUNNABLE,
    /** A prepared interactive run waits for a person with the approver role. */
    AWAITING_APPROVAL,
    /** A person approved (or skipped) the prepared run's first step and drives it. */
    APPROVED,
    /** A person aborted the prepared run instead. */
    DECLINED,
    /** Nobody approved in time; the incident escalated. */
    EXPIRED,
    /** The alert resolved before anyone approved; the prepared run was withdrawn. */
    WITHDRAWN,
    /** A run could not even be prepared or started (a guardrail refused it). */
    REFUSED,
    /** An automatic run is about to start. */
    STARTING,
    /** An automatic run is in progress. */
    RUNNING,
    /** The automatic run succeeded; the alert has until the due time to resolve. */
    SUCCEEDED,
    /** The alert resolved after a successful run. */
    VERIFIED,
    /** The alert still fired after the successful run's grace; the incident escalated. */
    STILL_FIRING,
    /** The automatic run escalated, paused for a person, or failed; the rotation was paged. */
    ESCALATED,
    /** The prepared (interactive) run ended. */
    FINISHED,
    /**
     * The runbook is on probation ({@code automation: shadow}): a shadow run records what it would
     * have done and a person handles the incident (issue #19).
     */
    SHADOW,
    /**
     * The automatic run's process died mid-run: it is never resumed by itself, the rotation was
     * paged, and a person resumes it from its execution page.
     */
    INTERRUPTED,
    /** A person resumed the run that stopped; the continuation is theirs. */
    RESUMED;

    /** The stored word, e.g. {@code awaiting-approval}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The state as the console's pages say it, History and the incident alike: a run the alert's
     * resolution withdrew reads {@code withdrawn (alert resolved)}, not aborted (issue #17).
     */
    public String words() {
        return switch (this) {
            case WITHDRAWN -> "withdrawn (alert resolved)";
            case EXPIRED -> "withdrawn (nobody approved in time)";
            default -> word();
        };
    }

    static RemediationState ofWord(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}

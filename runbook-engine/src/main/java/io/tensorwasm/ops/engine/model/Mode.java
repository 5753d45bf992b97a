package io.tensorwasm.ops.engine.model;

import java.util.Locale;

/** How a runbook is run. */
public enum Mode {
    /** No side effects: the plan, and with a probe the live values of read-only steps. */
    DRY_RUN,
    /** A person approves, skips or aborts each step. */
    INTERACTIVE,
    /** Alert-triggered remediation under guardrails; steps that need a person pause the run. */
    AUTOMATIC,
    /**
     * Alert-triggered like an automatic run, with every state-changing action skipped and recorded
     * as what it would have done; read-only actions and checks run live (issue #19).
     */
    SHADOW;

    /** The word stored and printed: {@code dry-run}, {@code interactive}, {@code automatic}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The mode for a stored word. */
    public static Mode ofWord(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}

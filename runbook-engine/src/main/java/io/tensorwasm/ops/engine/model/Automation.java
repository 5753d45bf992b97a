package io.tensorwasm.ops.engine.model;

import java.util.Locale;

/**
 * What an alert may do with a runbook: nothing, suggest it, run it automatically, or run it in
 * shadow (every state-changing action skipped and recorded) until an approver promotes it.
 */
public enum Automation {
    OFF,
    SUGGEST,
    AUTO,
    /** On probation: alerts run it with state-changing actions skipped (issue #19). */
    SHADOW;

    /** The spelling in front matter. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package io.tensorwasm.ops.engine.model;

import java.util.Locale;

/** What an alert may do with a runbook: nothing, suggest it, or run it automatically. */
public enum Automation {
    OFF,
    SUGGEST,
    AUTO;

    /** The spelling in front matter. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}

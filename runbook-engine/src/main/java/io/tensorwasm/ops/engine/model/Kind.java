package io.tensorwasm.ops.engine.model;

/** An alert runbook answers one alert; a procedure is run on purpose. */
public enum Kind {
    ALERT,
    PROCEDURE;

    /** The spelling in front matter. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

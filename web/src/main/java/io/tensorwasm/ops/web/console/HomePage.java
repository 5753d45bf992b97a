package io.tensorwasm.ops.web.console;

import java.util.List;

/**
 * The home page: what is firing, the platform's health, and the alert-to-runbook index.
 *
 * @param firing alerts firing now
 * @param health the last health snapshot
 * @param index the alert-to-runbook index
 */
public record HomePage(List<FiringAlert> firing, HealthSnapshot health, List<IndexRow> index) {

    /**
     * An alert firing now.
     *
     * @param name the alert name
     * @param severity its severity label
     * @param since when it started firing
     * @param runbookId its runbook, empty when it has none
     */
    public record FiringAlert(String name, String severity, String since, String runbookId) {}

    /**
     * One row of the alert-to-runbook index.
     *
     * @param alert the alert name
     * @param severity page or ticket
     * @param runbookId the runbook id
     * @param title the runbook's title
     */
    public record IndexRow(String alert, String severity, String runbookId, String title) {}
}

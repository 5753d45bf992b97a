package io.tensorwasm.ops.web.home;

import io.tensorwasm.ops.web.health.HealthSnapshot;
import java.util.List;

/**
 * The home page: what is firing, the platform's health, and the alert-to-runbook index.
 *
 * @param firing alerts firing now
 * @param alertSource where firing alerts come from
 * @param alertProblem why firing alerts could not be read, or empty
 * @param health the last health snapshot
 * @param index the alert-to-runbook index
 * @param version what the page shows of the incidents, for its live updates
 */
public record HomePage(
        List<FiringAlert> firing,
        String alertSource,
        String alertProblem,
        HealthSnapshot health,
        List<IndexRow> index,
        String version) {

    public HomePage {
        firing = List.copyOf(firing);
        index = List.copyOf(index);
    }

    /**
     * An alert firing now.
     *
     * @param name the alert name
     * @param severity its severity, as incidents have it: {@code sev-1}
     * @param meaning what the severity means: {@code pages}, {@code filed, never pages}
     * @param since when it started firing
     * @param runbookId its runbook, empty when it has none
     * @param link the runbook page over the alert's time range, or empty
     * @param incidentId the incident that holds it, or 0 while the console has none
     */
    public record FiringAlert(
            String name,
            String severity,
            String meaning,
            String since,
            String runbookId,
            String link,
            long incidentId) {}

    /**
     * One row of the alert-to-runbook index.
     *
     * @param alert the alert name
     * @param severity the severity of its incidents: {@code sev-1}
     * @param meaning what the severity means: {@code pages}, {@code filed, never pages}
     * @param runbookId the runbook id
     * @param title the runbook's title
     * @param problems how many lint problems the runbook has
     */
    public record IndexRow(
            String alert,
            String severity,
            String meaning,
            String runbookId,
            String title,
            int problems) {}
}

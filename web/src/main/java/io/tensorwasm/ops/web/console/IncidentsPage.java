package io.tensorwasm.ops.web.console;

import java.util.List;

/**
 * The incidents list.
 *
 * @param incidents newest first
 */
public record IncidentsPage(List<Row> incidents) {

    /**
     * One incident.
     *
     * @param opened when it was opened
     * @param severity sev-1, sev-2 or sev-3
     * @param title what it is about
     * @param status open, mitigated, resolved
     */
    public record Row(String opened, String severity, String title, String status) {}
}

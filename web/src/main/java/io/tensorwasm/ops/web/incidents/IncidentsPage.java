package io.tensorwasm.ops.web.incidents;

import java.util.List;

/**
 * The incidents list, and the kill switch of automatic runs.
 *
 * @param incidents newest first
 * @param killSwitch the kill switch as the store holds it
 */
public record IncidentsPage(List<Row> incidents, KillSwitchView killSwitch) {

    public IncidentsPage {
        incidents = List.copyOf(incidents);
    }

    /**
     * One incident.
     *
     * @param id its number, for its link
     * @param opened when it was opened
     * @param severity sev-1, sev-2 or sev-3
     * @param title what it is about
     * @param status open, acknowledged, mitigated, resolved
     */
    public record Row(long id, String opened, String severity, String title, String status) {}

    /**
     * The kill switch in words.
     *
     * @param engaged true while automatic runs are off
     * @param sentence who flipped it, when and why
     */
    public record KillSwitchView(boolean engaged, String sentence) {}
}

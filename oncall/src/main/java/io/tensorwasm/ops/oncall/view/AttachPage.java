package io.tensorwasm.ops.oncall.view;

import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.model.Texts;
import io.tensorwasm.ops.oncall.incident.Incident;
import java.util.List;

/**
 * The question a run start asks while its runbook has an open incident (issue #17): does this run
 * work that incident? Attached, it joins the incident's timeline and escalates through it.
 *
 * @param runbookId the runbook
 * @param title its title
 * @param incidents the open incidents it answers, newest first
 * @param anyway true when the person already chose to run while the runtime is down
 */
public record AttachPage(
        String runbookId, String title, List<OpenIncident> incidents, boolean anyway) {

    public AttachPage {
        incidents = List.copyOf(incidents);
    }

    /**
     * An open incident the run may work.
     *
     * @param id its number
     * @param title what it is about
     * @param severity its severity
     * @param status where it stands
     * @param opened when it was opened
     */
    public record OpenIncident(
            long id, String title, String severity, String status, String opened) {}

    public static AttachPage of(Runbook runbook, List<Incident> open, boolean anyway) {
        return new AttachPage(
                runbook.id(),
                runbook.title(),
                open.stream()
                        .map(
                                i ->
                                        new OpenIncident(
                                                i.id(),
                                                i.title(),
                                                i.severity().label(),
                                                i.status().label(),
                                                Texts.utc(i.openedAt())))
                        .toList(),
                anyway);
    }
}

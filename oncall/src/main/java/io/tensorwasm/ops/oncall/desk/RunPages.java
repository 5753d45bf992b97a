package io.tensorwasm.ops.oncall.desk;

import io.tensorwasm.ops.engine.exec.Escalation;
import io.tensorwasm.ops.engine.exec.Pager;
import io.tensorwasm.ops.engine.model.Texts;
import io.tensorwasm.ops.oncall.incident.IncidentStore;
import io.tensorwasm.ops.oncall.incident.Severity;
import io.tensorwasm.ops.oncall.paging.PageMessage;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's pager for runs that work no incident (a person started them from the console): a
 * {@code page} step, an escalation or a pause for a person opens an incident for the execution and
 * pages the rotation through the one {@code Paging}, like any incident; a second page from the same
 * execution escalates that incident.
 */
public final class RunPages implements Pager {

    private static final Logger logger = LoggerFactory.getLogger(RunPages.class);

    private final AlertDesk desk;
    private final AlertDesk.Links links;

    /** Pages through the desk, with links under the console's URL. */
    public RunPages(AlertDesk desk, AlertDesk.Links links) {
        this.desk = desk;
        this.links = links;
    }

    /** The incident key of an execution's pages. */
    static String key(Escalation escalation) {
        return "execution:" + escalation.executionId();
    }

    @Override
    public void page(Escalation escalation) {
        Severity severity = severity(escalation.severity());
        String summary =
                "execution "
                        + escalation.executionId()
                        + " of "
                        + escalation.runbookId()
                        + ": "
                        + escalation.message();
        List<String> notes = new ArrayList<>(List.of(summary));
        escalation.evidence().forEach(line -> notes.add("evidence: " + line));
        try {
            IncidentStore.Opened opened =
                    desk.report(
                            new IncidentStore.NewIncident(
                                    key(escalation),
                                    "Runbook "
                                            + escalation.runbookId()
                                            + " paged from execution "
                                            + escalation.executionId(),
                                    severity,
                                    null,
                                    escalation.runbookId(),
                                    links.deployment()),
                            notes,
                            incident ->
                                    new PageMessage(
                                            incident.dedupKey(),
                                            severity,
                                            "runbook " + escalation.runbookId(),
                                            links.deployment(),
                                            Texts.clip(summary, 500),
                                            links.incident(incident.id()),
                                            links.grafana(),
                                            links.runbook(escalation.runbookId())));
            if (!opened.opened()) {
                desk.escalate(opened.incident().id(), summary);
            }
        } catch (IllegalStateException e) {
            // The pager must not throw into the run (engine Pager); the log keeps the page.
            logger.error("could not page for {}: {}", summary, e.getMessage());
        }
    }

    private static Severity severity(String label) {
        try {
            return Severity.parse(label);
        } catch (IllegalArgumentException e) {
            return Severity.DEFAULT;
        }
    }
}

package io.tensorwasm.ops.oncall.remediation;

import io.tensorwasm.ops.engine.exec.Escalation;
import io.tensorwasm.ops.engine.exec.Pager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's pager for a run that works an incident: an escalation, a pause for a person or a
 * {@code page} step escalates the incident through the rotation (primary, secondary, lead).
 */
final class IncidentPager implements Pager {

    private static final Logger logger = LoggerFactory.getLogger(IncidentPager.class);

    private final Escalations escalations;
    private final long incidentId;

    IncidentPager(Escalations escalations, long incidentId) {
        this.escalations = escalations;
        this.incidentId = incidentId;
    }

    @Override
    public void page(Escalation escalation) {
        String reason =
                "execution "
                        + escalation.executionId()
                        + " of "
                        + escalation.runbookId()
                        + ": "
                        + escalation.message();
        try {
            escalations.escalate(incidentId, reason);
        } catch (IllegalStateException e) {
            // The pager must not throw into the run (engine Pager); the log keeps the page.
            logger.error("incident {}: could not page {}: {}", incidentId, reason, e.getMessage());
        }
    }
}

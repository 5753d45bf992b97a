package io.tensorwasm.ops.oncall.remediation;

import java.time.Instant;

/**
 * How a remediation reaches the people when the engine cannot finish the job: the alert desk, which
 * owns every escalation, implements it and hands itself to the remediation it consults.
 */
public interface Escalations {

    /**
     * Pages the rotation again from the primary with the reason; false when nobody could be paged.
     */
    boolean escalate(long incidentId, String reason);

    /** Keeps the incident's open pages from escalating until a time: the engine works it first. */
    void holdPages(long incidentId, Instant until);
}

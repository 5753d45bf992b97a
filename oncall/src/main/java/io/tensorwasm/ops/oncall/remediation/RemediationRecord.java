package io.tensorwasm.ops.oncall.remediation;

import io.tensorwasm.ops.engine.model.Automation;
import java.time.Instant;
import java.util.Optional;

/**
 * One incident's remediation as stored.
 *
 * @param incidentId the incident
 * @param runbookId the runbook that answers its alert
 * @param policy the runbook's {@code automation}
 * @param state where it stands
 * @param executionId the engine's execution, once there is one
 * @param dueAt when the state times out: an approval's expiry, or a successful run's grace
 * @param reason why it is refused, withdrawn or expired, in words; empty otherwise
 */
public record RemediationRecord(
        long incidentId,
        String runbookId,
        Automation policy,
        RemediationState state,
        Optional<Long> executionId,
        Optional<Instant> dueAt,
        String reason) {

    /** A remediation with nothing to explain. */
    public RemediationRecord(
            long incidentId,
            String runbookId,
            Automation policy,
            RemediationState state,
            Optional<Long> executionId,
            Optional<Instant> dueAt) {
        this(incidentId, runbookId, policy, state, executionId, dueAt, "");
    }
}

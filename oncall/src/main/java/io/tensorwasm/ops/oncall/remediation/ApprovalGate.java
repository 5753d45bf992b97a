package io.tensorwasm.ops.oncall.remediation;

import io.tensorwasm.ops.engine.exec.Approvals;
import io.tensorwasm.ops.engine.exec.Decision;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.model.Step;
import io.tensorwasm.ops.oncall.incident.TimelineEvent.Kind;
import io.tensorwasm.ops.oncall.run.LiveRuns;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The person at a prepared run (policy {@code suggest}), with one rule on top: the first answer
 * takes the run only while the incident still waits for it. The store's conditional update decides
 * between that answer and the expiry sweep, whichever comes first, on any node.
 */
final class ApprovalGate implements Approvals {

    private final Approvals person;
    private final RemediationStore store;
    private final IncidentNotes notes;
    private boolean taken;

    ApprovalGate(Approvals person, RemediationStore store, IncidentNotes notes) {
        this.person = person;
        this.store = store;
        this.notes = notes;
    }

    @Override
    public Decision review(Runbook runbook, Step step, String action) {
        Decision decision = person.review(runbook, step, action);
        if (taken) {
            return decision;
        }
        if (decision.person().equals("console") && decision.reason().equals(LiveRuns.STOPPED)) {
            // The console stopped, nobody declined: the incident still waits, and the next start
            // prepares the run again (AlertRemediation#restore).
            return decision;
        }
        taken = true;
        Instant now = notes.now();
        boolean declined = decision.verdict() == Decision.Verdict.ABORT;
        RemediationState to = declined ? RemediationState.DECLINED : RemediationState.APPROVED;
        if (!store.transition(
                notes.incidentId(),
                RemediationState.AWAITING_APPROVAL,
                to,
                Optional.empty(),
                now)) {
            return Decision.abort(
                    "console",
                    "the prepared run no longer waits for an approval: it expired or was"
                            + " withdrawn");
        }
        notes.append(
                Kind.NOTE,
                (declined ? "the prepared run was declined by " : "the prepared run was taken by ")
                        + decision.person()
                        + " at step "
                        + step.number()
                        + (decision.reason().isEmpty() ? "" : ": " + decision.reason()));
        return decision;
    }

    @Override
    public boolean confirm(Runbook runbook, Step step, String statement) {
        return person.confirm(runbook, step, statement);
    }

    @Override
    public String choose(Runbook runbook, Step step, String question, List<String> answers) {
        return person.choose(runbook, step, question, answers);
    }
}

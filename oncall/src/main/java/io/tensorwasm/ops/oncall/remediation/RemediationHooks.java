package io.tensorwasm.ops.oncall.remediation;

import io.tensorwasm.ops.engine.exec.Approvals;
import io.tensorwasm.ops.engine.exec.ExecutionReport;
import io.tensorwasm.ops.engine.model.RunStatus;
import io.tensorwasm.ops.oncall.run.RunHooks;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What a run adds when it works an incident: its entries on the incident's timeline, its link to
 * the incident, escalations through the incident's rotation, and for the remediation's own runs the
 * move of the remediation's state as the run starts and ends.
 */
final class RemediationHooks {

    private final AlertRemediation.Parts parts;
    private final Clock clock;

    RemediationHooks(AlertRemediation.Parts parts, Clock clock) {
        this.parts = parts;
        this.clock = clock;
    }

    /** A prepared run of policy {@code suggest}: the approval gate decides who takes it. */
    RunHooks prepared(IncidentNotes notes, String how) {
        return hooks(
                notes,
                how,
                person -> new ApprovalGate(person, parts.store(), notes),
                new IncidentTimeline.Outcome() {
                    @Override
                    public void started(long executionId) {
                        parts.store().execution(notes.incidentId(), executionId, clock.instant());
                    }

                    @Override
                    public void finished(ExecutionReport report) {
                        move(notes, RemediationState.APPROVED, RemediationState.FINISHED);
                    }
                });
    }

    /**
     * The automatic run of policy {@code auto}: running once started, then verified, still waiting
     * for the alert to resolve, or escalated.
     *
     * @param from the state the remediation leaves when the run starts
     */
    RunHooks automatic(IncidentNotes notes, String how, RemediationState from) {
        return hooks(
                notes,
                how,
                UnaryOperator.identity(),
                new IncidentTimeline.Outcome() {
                    @Override
                    public void started(long executionId) {
                        parts.store().execution(notes.incidentId(), executionId, clock.instant());
                        move(notes, from, RemediationState.RUNNING);
                    }

                    @Override
                    public void finished(ExecutionReport report) {
                        automaticRunEnded(notes, report);
                    }
                });
    }

    /** An interactive run a person started for the incident: on its timeline, nothing else. */
    RunHooks attached(IncidentNotes notes, String how) {
        return hooks(
                notes,
                how,
                UnaryOperator.identity(),
                new IncidentTimeline.Outcome() {
                    @Override
                    public void started(long executionId) {}

                    @Override
                    public void finished(ExecutionReport report) {}
                });
    }

    private RunHooks hooks(
            IncidentNotes notes,
            String how,
            UnaryOperator<Approvals> gate,
            IncidentTimeline.Outcome outcome) {
        return new RunHooks(
                gate,
                new IncidentTimeline(notes, how, outcome),
                Optional.of(new IncidentPager(parts.escalations(), notes.incidentId())));
    }

    private void move(IncidentNotes notes, RemediationState from, RemediationState to) {
        parts.store().transition(notes.incidentId(), from, to, Optional.empty(), clock.instant());
    }

    /**
     * After an automatic run: wait for the alert to resolve, or escalate what the engine did not.
     */
    private void automaticRunEnded(IncidentNotes notes, ExecutionReport report) {
        long id = notes.incidentId();
        Instant now = clock.instant();
        RunStatus status = report.status();
        if (status == RunStatus.SUCCEEDED) {
            Instant due = now.plus(parts.stillFiringGrace());
            boolean closed = closed(id);
            parts.store()
                    .transition(
                            id,
                            RemediationState.RUNNING,
                            closed ? RemediationState.VERIFIED : RemediationState.SUCCEEDED,
                            closed ? Optional.empty() : Optional.of(due),
                            now);
            if (!closed) {
                parts.escalations().holdPages(id, due);
            }
            return;
        }
        parts.store()
                .transition(
                        id,
                        RemediationState.RUNNING,
                        RemediationState.ESCALATED,
                        Optional.empty(),
                        now);
        if (status != RunStatus.ESCALATED && status != RunStatus.PAUSED && !closed(id)) {
            // The engine pages for an escalation or a pause; a run that failed otherwise, nobody
            // watching it, must page here.
            parts.escalations()
                    .escalate(
                            id,
                            "execution "
                                    + report.executionId()
                                    + " of "
                                    + report.runbookId()
                                    + " "
                                    + status.word()
                                    + ": "
                                    + report.summary());
        }
    }

    /** True when the incident was resolved or deferred. */
    boolean closed(long incidentId) {
        return RemediationSweep.closed(parts.incidents(), incidentId);
    }
}

package io.tensorwasm.ops.oncall.remediation;

import io.tensorwasm.ops.engine.model.Durations;
import io.tensorwasm.ops.engine.model.RunStatus;
import io.tensorwasm.ops.oncall.incident.Incident;
import io.tensorwasm.ops.oncall.incident.IncidentStore;
import io.tensorwasm.ops.oncall.incident.TimelineEvent.Kind;
import io.tensorwasm.ops.oncall.run.Answer;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the remediation checks later, on the sweep every node runs: prepared runs nobody approved
 * within the approval timeout, alerts that still fire after a successful automatic run, and the
 * prepared runs waiting on this node that the sweep of another node expired or withdrew.
 */
final class RemediationSweep {

    private final AlertRemediation.Parts parts;
    private final Clock clock;
    private final Map<Long, Long> preparedHere = new ConcurrentHashMap<>();

    RemediationSweep(AlertRemediation.Parts parts, Clock clock) {
        this.parts = parts;
        this.clock = clock;
    }

    /** A run prepared on this node for the incident waits for an approver. */
    void prepared(long incidentId, long executionId) {
        preparedHere.put(incidentId, executionId);
    }

    /** The incident's alert resolved: a prepared run still waiting is withdrawn. */
    void resolved(Incident incident) {
        Instant now = clock.instant();
        parts.store()
                .find(incident.id())
                .ifPresent(
                        r -> {
                            if (r.state() == RemediationState.SUCCEEDED) {
                                parts.store()
                                        .transition(
                                                incident.id(),
                                                RemediationState.SUCCEEDED,
                                                RemediationState.VERIFIED,
                                                Optional.empty(),
                                                now);
                            } else if (r.state() == RemediationState.AWAITING_APPROVAL
                                    && parts.store()
                                            .transition(
                                                    incident.id(),
                                                    RemediationState.AWAITING_APPROVAL,
                                                    RemediationState.WITHDRAWN,
                                                    Optional.empty(),
                                                    now)) {
                                parts.store()
                                        .reason(
                                                incident.id(),
                                                "the alert resolved before anyone approved the"
                                                        + " prepared run");
                                new IncidentNotes(parts.incidents(), incident.id(), clock)
                                        .append(
                                                Kind.NOTE,
                                                "the alert resolved before anyone approved execution "
                                                        + r.executionId()
                                                                .map(String::valueOf)
                                                                .orElse("?")
                                                        + ": it is withdrawn");
                                abortHere(
                                        incident.id(),
                                        "the alert resolved; the prepared run is withdrawn");
                            }
                        });
    }

    /**
     * One pass of the sweep every node runs: prepared runs nobody approved in time, alerts that
     * still fire after a successful run, and prepared runs of this node that another node expired.
     */
    void sweep() {
        Instant now = clock.instant();
        parts.runs().store().markInterrupted(now);
        for (RemediationRecord r : parts.store().in(RemediationState.RUNNING)) {
            interrupted(r, now);
        }
        for (RemediationRecord r : parts.store().due(RemediationState.AWAITING_APPROVAL, now)) {
            expire(r, now);
        }
        for (RemediationRecord r : parts.store().due(RemediationState.SUCCEEDED, now)) {
            stillFiring(r, now);
        }
        for (Map.Entry<Long, Long> prepared : Map.copyOf(preparedHere).entrySet()) {
            RemediationState state =
                    parts.store()
                            .find(prepared.getKey())
                            .map(RemediationRecord::state)
                            .orElse(RemediationState.FINISHED);
            if (state == RemediationState.EXPIRED || state == RemediationState.WITHDRAWN) {
                abortHere(prepared.getKey(), "the prepared run was " + state.word());
            } else if (state != RemediationState.AWAITING_APPROVAL) {
                preparedHere.remove(prepared.getKey());
            }
        }
    }

    /**
     * An automatic run whose process died (issue #19): it is never resumed by itself. The incident
     * says where it stopped and the rotation is paged, so a person resumes it.
     */
    private void interrupted(RemediationRecord r, Instant now) {
        if (r.executionId().isEmpty() || parts.runs().live(r.executionId().get()).isPresent()) {
            return;
        }
        long execution = r.executionId().get();
        boolean dead =
                parts.runs()
                        .store()
                        .find(execution)
                        .map(e -> e.summary().status() == RunStatus.INTERRUPTED)
                        .orElse(false);
        if (!dead
                || !parts.store()
                        .transition(
                                r.incidentId(),
                                RemediationState.RUNNING,
                                RemediationState.INTERRUPTED,
                                Optional.empty(),
                                now)) {
            return;
        }
        String at =
                parts.runs()
                        .store()
                        .lineage(execution)
                        .flatMap(
                                l ->
                                        l.lastStep().isPresent()
                                                ? Optional.of(" at step " + l.lastStep().getAsInt())
                                                : Optional.empty())
                        .orElse("");
        String why =
                "execution "
                        + execution
                        + " of "
                        + r.runbookId()
                        + " was interrupted"
                        + at
                        + ": its process stopped mid-run. It is not resumed automatically;"
                        + " resume it from "
                        + parts.console().resolve("/executions/" + execution);
        new IncidentNotes(parts.incidents(), r.incidentId(), clock).append(Kind.NOTE, why);
        if (!closed(r.incidentId())) {
            parts.escalations().escalate(r.incidentId(), why);
        }
    }

    private void expire(RemediationRecord r, Instant now) {
        if (!parts.store()
                .transition(
                        r.incidentId(),
                        RemediationState.AWAITING_APPROVAL,
                        RemediationState.EXPIRED,
                        Optional.empty(),
                        now)) {
            return;
        }
        String execution = r.executionId().map(String::valueOf).orElse("?");
        String timeout = Durations.format(parts.approvalTimeout());
        parts.store()
                .reason(
                        r.incidentId(),
                        "nobody with the approver role approved the prepared run within "
                                + timeout);
        new IncidentNotes(parts.incidents(), r.incidentId(), clock)
                .append(
                        Kind.NOTE,
                        "nobody with the approver role approved execution "
                                + execution
                                + " within "
                                + timeout
                                + ": it is withdrawn");
        abortHere(r.incidentId(), "nobody approved it within " + timeout);
        parts.escalations()
                .escalate(
                        r.incidentId(),
                        "nobody approved the prepared run of "
                                + r.runbookId()
                                + " (execution "
                                + execution
                                + ") within "
                                + timeout);
    }

    private void stillFiring(RemediationRecord r, Instant now) {
        if (closed(r.incidentId())) {
            parts.store()
                    .transition(
                            r.incidentId(),
                            RemediationState.SUCCEEDED,
                            RemediationState.VERIFIED,
                            Optional.empty(),
                            now);
            return;
        }
        if (parts.store()
                .transition(
                        r.incidentId(),
                        RemediationState.SUCCEEDED,
                        RemediationState.STILL_FIRING,
                        Optional.empty(),
                        now)) {
            parts.escalations()
                    .escalate(
                            r.incidentId(),
                            "the alert still fires "
                                    + Durations.format(parts.stillFiringGrace())
                                    + " after execution "
                                    + r.executionId().map(String::valueOf).orElse("?")
                                    + " of "
                                    + r.runbookId()
                                    + " succeeded");
        }
    }

    /** Stops a prepared run that waits on this node for an approval nobody may give any more. */
    private void abortHere(long incidentId, String why) {
        Long execution = preparedHere.remove(incidentId);
        if (execution != null) {
            parts.runs()
                    .live(execution)
                    .ifPresent(run -> run.requestAbort(Answer.abort("console", why)));
        }
    }

    /** True when the incident was resolved or deferred. */
    boolean closed(long incidentId) {
        return closed(parts.incidents(), incidentId);
    }

    /** True when the incident was resolved or deferred. */
    static boolean closed(IncidentStore incidents, long incidentId) {
        Incident.Status status =
                incidents.find(incidentId).map(Incident::status).orElse(Incident.Status.RESOLVED);
        return status == Incident.Status.RESOLVED || status == Incident.Status.MITIGATED;
    }
}

package io.tensorwasm.ops.oncall.remediation;

import io.tensorwasm.ops.engine.exec.RunRequest;
import io.tensorwasm.ops.engine.model.Automation;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.model.Texts;
import io.tensorwasm.ops.oncall.catalogue.LibraryEntry;
import io.tensorwasm.ops.oncall.incident.Incident;
import io.tensorwasm.ops.oncall.incident.TimelineEvent.Kind;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runs a person starts for an incident (issue #17): an interactive run of its runbook, from the
 * incident's page or from the runbook's page when it asks to attach, and for an approver the
 * automatic run past its cooldown. Each lands on the incident's timeline and escalates through the
 * incident, as the runbook's own run does.
 *
 * <pre>{@code
 * long execution = incidentRuns.interactive(incidentId, "ana");
 * long automatic = incidentRuns.overrideCooldown(incidentId, "bo", "the first run ended in 4 s");
 * }</pre>
 */
public final class IncidentRuns {

    private static final Logger logger = LoggerFactory.getLogger(IncidentRuns.class);

    private final AlertRemediation.Parts parts;
    private final Clock clock;
    private final RemediationHooks hooks;

    /** Runs for incidents, with the parts of the remediation. */
    public IncidentRuns(AlertRemediation.Parts parts, Clock clock) {
        this.parts = parts;
        this.clock = clock;
        this.hooks = new RemediationHooks(parts, clock);
    }

    /**
     * Starts an interactive run of the incident's runbook that the person drives; blocks until it
     * is recorded.
     *
     * @throws IllegalArgumentException when there is no such incident, it is resolved, or it has no
     *     runbook the engine runs
     * @throws io.tensorwasm.ops.engine.model.GuardrailException when another run holds the runbook
     */
    public long interactive(long incidentId, String person) {
        Incident incident = open(incidentId);
        Runbook runbook = runbook(incident);
        return parts.runs()
                .start(
                        runbook,
                        RunRequest.interactive(person),
                        hooks.attached(notes(incident), "interactive, by " + person));
    }

    /**
     * Starts the incident's automatic run now, though its runbook cools down: an approver's
     * decision, recorded with its reason on the timeline before the run starts. Every other
     * guardrail still holds.
     *
     * @throws IllegalArgumentException when the reason is empty, or the incident has no runbook
     *     with automation {@code auto}
     * @throws io.tensorwasm.ops.engine.model.GuardrailException when another guardrail refuses it
     */
    public long overrideCooldown(long incidentId, String approver, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException(
                    "empty: overriding the cooldown needs a reason; it goes into the incident's"
                            + " record");
        }
        Incident incident = open(incidentId);
        Runbook runbook = runbook(incident);
        if (runbook.metadata().automation() != Automation.AUTO) {
            throw new IllegalArgumentException(
                    runbook.id() + " does not run automatically; start an interactive run instead");
        }
        IncidentNotes notes = notes(incident);
        notes.append(
                Kind.NOTE,
                approver
                        + " overrode the cooldown of "
                        + runbook.id()
                        + ": "
                        + Texts.clip(reason.strip(), 500));
        RemediationState from =
                parts.store()
                        .find(incidentId)
                        .map(RemediationRecord::state)
                        .orElse(RemediationState.REFUSED);
        long execution =
                parts.runs()
                        .start(
                                runbook,
                                RunRequest.automaticOverridingCooldown(approver),
                                hooks.automatic(
                                        notes,
                                        "automatic, cooldown overridden by " + approver,
                                        from));
        logger.warn(
                "action=override_cooldown incident={} runbook={} execution={}",
                incidentId,
                runbook.id(),
                execution);
        return execution;
    }

    private Incident open(long incidentId) {
        Incident incident =
                parts.incidents()
                        .find(incidentId)
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                incidentId + ": no such incident"));
        if (incident.status() == Incident.Status.RESOLVED) {
            throw new IllegalArgumentException(
                    "incident "
                            + incidentId
                            + " is resolved; start a run from its runbook's page instead");
        }
        return incident;
    }

    private Runbook runbook(Incident incident) {
        Optional<Runbook> runbook =
                incident.runbookId()
                        .flatMap(id -> parts.library().entry(id))
                        .filter(LibraryEntry::runnable)
                        .flatMap(LibraryEntry::runbook);
        return runbook.orElseThrow(
                () ->
                        new IllegalArgumentException(
                                "incident "
                                        + incident.id()
                                        + " has no runbook the engine runs; follow its runbook by"
                                        + " hand"));
    }

    private IncidentNotes notes(Incident incident) {
        return new IncidentNotes(parts.incidents(), incident.id(), clock);
    }
}

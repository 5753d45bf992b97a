package io.tensorwasm.ops.oncall.remediation;

import io.tensorwasm.ops.engine.exec.RunRequest;
import io.tensorwasm.ops.engine.model.Automation;
import io.tensorwasm.ops.engine.model.FleetMember;
import io.tensorwasm.ops.engine.model.Mode;
import io.tensorwasm.ops.engine.model.RunStatus;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.model.RunbookException;
import io.tensorwasm.ops.engine.model.Texts;
import io.tensorwasm.ops.engine.model.Trigger;
import io.tensorwasm.ops.engine.parse.ParamText;
import io.tensorwasm.ops.engine.store.Lineage;
import io.tensorwasm.ops.oncall.catalogue.LibraryEntry;
import io.tensorwasm.ops.oncall.catalogue.RunbookLibrary;
import io.tensorwasm.ops.oncall.incident.Incident;
import io.tensorwasm.ops.oncall.incident.IncidentKey;
import io.tensorwasm.ops.oncall.incident.IncidentStore;
import io.tensorwasm.ops.oncall.incident.TimelineEvent.Kind;
import io.tensorwasm.ops.oncall.run.Answer;
import io.tensorwasm.ops.oncall.run.LiveRuns;
import io.tensorwasm.ops.oncall.run.RunHooks;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The runbook's {@code automation} policy for an incident (issue #8):
 *
 * <ul>
 *   <li>{@code off}: nothing runs; the page links the runbook.
 *   <li>{@code suggest}: an interactive run is prepared on this node and waits at its first step
 *       for a person with the approver role; the page carries its link. Nobody takes it within the
 *       approval timeout: it is withdrawn and the incident escalates.
 *   <li>{@code auto}: the engine runs it with {@code RunRequest.automatic(fingerprint)} under the
 *       store's guardrails; the page is held while it works. A step that needs a person pauses it,
 *       a failed check escalates, and the engine pages either way; a refused or failed run
 *       escalates too; a run that succeeds gives the alert the still-firing grace to resolve, and
 *       escalates when it does not.
 * </ul>
 *
 * An alert whose {@code instance} is a member of the console's fleet runs against that member
 * alone. Every step and check lands in the incident's timeline. Escalating means paging the
 * rotation from the primary ({@link Escalations#escalate}).
 */
public final class AlertRemediation implements Remediation {

    private final Parts parts;
    private final Clock clock;
    private final RemediationSweep sweep;
    private final RemediationHooks hooks;

    /**
     * What the policy works with.
     *
     * @param library the runbook catalogue
     * @param runs the console's runs, where prepared and automatic runs live
     * @param incidents incidents and their timelines
     * @param escalations the alert desk, which pages the rotation again
     * @param store the remediations
     * @param approvalTimeout how long a prepared run waits for a person with the approver role
     * @param stillFiringGrace how long the alert has to resolve after a successful automatic run
     * @param console the console's URL, for the links in pages
     * @param promotions shadow runbooks and their promotions to auto
     */
    public record Parts(
            RunbookLibrary library,
            LiveRuns runs,
            IncidentStore incidents,
            Escalations escalations,
            RemediationStore store,
            Duration approvalTimeout,
            Duration stillFiringGrace,
            URI console,
            Promotions promotions) {}

    /** The policy over its parts. */
    public AlertRemediation(Parts parts, Clock clock) {
        this.parts = parts;
        this.clock = clock;
        this.sweep = new RemediationSweep(parts, clock);
        this.hooks = new RemediationHooks(parts, clock);
    }

    @Override
    public Plan plan(Incident incident, String runbookId, String fingerprint) {
        return plan(incident, runbookId, fingerprint, Map.of());
    }

    @Override
    public Plan plan(
            Incident incident, String runbookId, String fingerprint, Map<String, String> labels) {
        IncidentNotes notes = new IncidentNotes(parts.incidents(), incident.id(), clock);
        Optional<Runbook> runbook =
                parts.library()
                        .entry(runbookId)
                        .filter(LibraryEntry::runnable)
                        .flatMap(LibraryEntry::runbook)
                        .map(parts.promotions()::effective);
        if (runbook.isEmpty()) {
            claim(incident, runbookId, Automation.OFF, RemediationState.NOT_RUNNABLE, null);
            notes.append(
                    Kind.NOTE,
                    runbookId
                            + " has lint problems, so the engine will not run it; follow it by hand");
            return new Plan(
                    runbookId + " does not lint: follow it by hand.", Optional.empty(), () -> {});
        }
        // The alert's labels fill the parameters declared from: labels.NAME; each stays one word.
        Map<String, String> params = ParamText.fromLabels(runbook.get().metadata(), labels);
        return switch (runbook.get().metadata().automation()) {
            case OFF -> off(incident, runbook.get(), notes);
            case SUGGEST -> suggest(incident, runbook.get(), fingerprint, params, notes);
            case AUTO -> auto(incident, runbook.get(), fingerprint, params, notes);
            case SHADOW -> shadow(incident, runbook.get(), fingerprint, params, notes);
        };
    }

    private Plan off(Incident incident, Runbook runbook, IncidentNotes notes) {
        if (!claim(incident, runbook.id(), Automation.OFF, RemediationState.NOTIFIED, null)) {
            return Plan.NOTHING;
        }
        notes.append(
                Kind.NOTE,
                "automation is off for "
                        + runbook.id()
                        + ": nothing runs by itself; follow the runbook");
        return new Plan(
                "Automation is off for " + runbook.id() + ": follow the runbook.",
                Optional.empty(),
                () -> {});
    }

    private Plan suggest(
            Incident incident,
            Runbook runbook,
            String fingerprint,
            Map<String, String> params,
            IncidentNotes notes) {
        Instant due = clock.instant().plus(parts.approvalTimeout());
        if (!claim(
                incident,
                runbook.id(),
                Automation.SUGGEST,
                RemediationState.AWAITING_APPROVAL,
                due)) {
            return Plan.NOTHING;
        }
        RunRequest request =
                new RunRequest(Mode.INTERACTIVE, Trigger.alert(fingerprint), target(incident), 1)
                        .withParams(params);
        long execution;
        try {
            execution =
                    parts.runs()
                            .start(
                                    runbook,
                                    request,
                                    hooks.prepared(notes, "prepared, waiting for an approver"));
        } catch (RunbookException e) {
            // A guardrail, or a parameter the alert's labels gave a value its rule refuses.
            refuse(incident.id(), RemediationState.AWAITING_APPROVAL, e.getMessage());
            notes.append(Kind.NOTE, "no run could be prepared: " + e.getMessage());
            return new Plan(
                    "No run could be prepared: " + e.getMessage(), Optional.empty(), () -> {});
        }
        sweep.prepared(incident.id(), execution);
        URI link = parts.console().resolve("/executions/" + execution);
        notes.append(
                Kind.NOTE,
                "execution "
                        + execution
                        + " waits for a person with the approver role to approve step 1 until "
                        + due
                        + "; then it is withdrawn and the incident escalates");
        return new Plan(
                "A prepared run of "
                        + runbook.id()
                        + " waits for a person with the approver role until "
                        + Texts.clock(due)
                        + ": "
                        + link,
                Optional.empty(),
                () -> {});
    }

    /**
     * Prepares again every run that waited for an approver when its console stopped (issue #16):
     * the remediation still waits, its execution ended (aborted by the stop, or interrupted by a
     * crash) and no process holds it live. One node wins each, by a conditional update; the due
     * time stays, so a restart never buys the approval more time.
     */
    @Override
    public int restore() {
        int restored = 0;
        for (RemediationRecord r : parts.store().in(RemediationState.AWAITING_APPROVAL)) {
            if (r.executionId().isEmpty() || parts.runs().live(r.executionId().get()).isPresent()) {
                continue;
            }
            long ended = r.executionId().get();
            boolean stillRunning =
                    parts.runs()
                            .store()
                            .find(ended)
                            .map(e -> e.summary().status() == RunStatus.RUNNING)
                            .orElse(false);
            Optional<Incident> incident = parts.incidents().find(r.incidentId());
            Optional<Runbook> runbook = parts.library().runbook(r.runbookId());
            if (stillRunning || incident.isEmpty() || runbook.isEmpty()) {
                continue;
            }
            restored += prepareAgain(incident.get(), runbook.get(), ended) ? 1 : 0;
        }
        return restored;
    }

    private boolean prepareAgain(Incident incident, Runbook runbook, long ended) {
        IncidentNotes notes = new IncidentNotes(parts.incidents(), incident.id(), clock);
        String fingerprint =
                IncidentKey.parse(incident.dedupKey()).map(IncidentKey::fingerprint).orElse("");
        long execution;
        try {
            execution =
                    parts.runs()
                            .start(
                                    runbook,
                                    new RunRequest(
                                                    Mode.INTERACTIVE,
                                                    Trigger.alert(fingerprint),
                                                    target(incident),
                                                    1)
                                            .withParams(
                                                    parts.runs()
                                                            .store()
                                                            .lineage(ended)
                                                            .map(Lineage::params)
                                                            .orElse(Map.of())),
                                    hooks.prepared(notes, "prepared again after a restart"));
        } catch (RunbookException e) {
            return false;
        }
        if (!parts.store().replaceExecution(incident.id(), ended, execution, clock.instant())) {
            parts.runs()
                    .live(execution)
                    .ifPresent(
                            run ->
                                    run.requestAbort(
                                            Answer.abort(
                                                    "console",
                                                    "another node prepared it again first")));
            return false;
        }
        sweep.prepared(incident.id(), execution);
        notes.append(
                Kind.NOTE,
                "the console restarted: execution "
                        + execution
                        + " waits for an approver in the place of execution "
                        + ended);
        return true;
    }

    /**
     * The automatic run, admitted by the guardrails before anyone is paged (issue #17): a run the
     * store would refuse is not started, and the page says so, with the reason, instead of saying
     * the engine works the incident.
     */
    private Plan auto(
            Incident incident,
            Runbook runbook,
            String fingerprint,
            Map<String, String> params,
            IncidentNotes notes) {
        if (!claim(incident, runbook.id(), Automation.AUTO, RemediationState.STARTING, null)) {
            return Plan.NOTHING;
        }
        Optional<String> refused =
                parts.runs()
                        .refusal(
                                runbook,
                                RunRequest.automatic(fingerprint)
                                        .onTarget(target(incident))
                                        .withParams(params));
        if (refused.isPresent()) {
            refuse(incident.id(), RemediationState.STARTING, refused.get());
            notes.append(
                    Kind.NOTE,
                    "the automatic run was refused before anyone was paged: " + refused.get());
            return new Plan(
                    "The automatic run of "
                            + runbook.id()
                            + " was refused: "
                            + refused.get()
                            + ". Nothing runs by itself: start an interactive run from the"
                            + " incident.",
                    Optional.empty(),
                    () -> {});
        }
        Duration bound = runbook.metadata().sla().orElse(Duration.ofHours(1));
        return new Plan(
                "The engine is running "
                        + runbook.id()
                        + " automatically; you are paged again if it needs a person or does not"
                        + " fix it.",
                Optional.of(clock.instant().plus(bound)),
                () -> startAutomatic(incident, runbook, fingerprint, params, notes));
    }

    /**
     * Shadow (issue #19): the runbook is on probation. The engine runs it with every state-changing
     * action skipped and recorded, so its record shows whether it would have worked; a person
     * handles the incident, paged as for {@code off}.
     */
    private Plan shadow(
            Incident incident,
            Runbook runbook,
            String fingerprint,
            Map<String, String> params,
            IncidentNotes notes) {
        if (!claim(incident, runbook.id(), Automation.SHADOW, RemediationState.SHADOW, null)) {
            return Plan.NOTHING;
        }
        return new Plan(
                "Automation is shadow for "
                        + runbook.id()
                        + ": the engine runs it changing nothing and records what it would do;"
                        + " follow the runbook.",
                Optional.empty(),
                () -> {
                    try {
                        parts.runs()
                                .start(
                                        runbook,
                                        RunRequest.shadow(fingerprint)
                                                .onTarget(target(incident))
                                                .withParams(params),
                                        new RunHooks(
                                                UnaryOperator.identity(),
                                                new IncidentTimeline(
                                                        notes, "shadow", IncidentTimeline.NONE),
                                                Optional.empty()));
                    } catch (RunbookException e) {
                        notes.append(Kind.NOTE, "the shadow run was refused: " + e.getMessage());
                    }
                });
    }

    private void startAutomatic(
            Incident incident,
            Runbook runbook,
            String fingerprint,
            Map<String, String> params,
            IncidentNotes notes) {
        try {
            parts.runs()
                    .start(
                            runbook,
                            RunRequest.automatic(fingerprint)
                                    .onTarget(target(incident))
                                    .withParams(params),
                            hooks.automatic(notes, "automatic", RemediationState.STARTING));
        } catch (RunbookException e) {
            // Another node started a run between the check before the page and this start, or a
            // parameter the alert's labels gave a value its rule refuses.
            refuse(incident.id(), RemediationState.STARTING, e.getMessage());
            notes.append(Kind.NOTE, "the automatic run was refused: " + e.getMessage());
            parts.escalations()
                    .escalate(
                            incident.id(),
                            "the automatic run of "
                                    + runbook.id()
                                    + " was refused: "
                                    + e.getMessage());
        }
    }

    /**
     * The target a remediation acts on: the fleet member the alert's {@code instance} names (issue
     * #21), so a restart restarts that replica alone and the guardrails count for it; otherwise the
     * runbook's default target.
     */
    private String target(Incident incident) {
        return parts.runs()
                .fleet()
                .flatMap(f -> f.memberAt(incident.host()))
                .map(FleetMember::name)
                .orElse("");
    }

    private void refuse(long incidentId, RemediationState from, String why) {
        if (parts.store()
                .transition(
                        incidentId,
                        from,
                        RemediationState.REFUSED,
                        Optional.empty(),
                        clock.instant())) {
            parts.store().reason(incidentId, why);
        }
    }

    @Override
    public void resolved(Incident incident) {
        sweep.resolved(incident);
    }

    /**
     * One pass of the sweep every node runs: prepared runs nobody approved in time, alerts that
     * still fire after a successful run, and prepared runs of this node that another node expired.
     */
    @Override
    public void sweep() {
        sweep.sweep();
    }

    private boolean claim(
            Incident incident,
            String runbookId,
            Automation policy,
            RemediationState state,
            Instant due) {
        boolean claimed =
                parts.store()
                        .claim(
                                new RemediationRecord(
                                        incident.id(),
                                        runbookId,
                                        policy,
                                        state,
                                        Optional.empty(),
                                        Optional.ofNullable(due)),
                                clock.instant());
        // A firing that a crash interrupted after its claim is handled again (the alert's outbox,
        // issue #16): the claim stands, and the work it claimed was never started.
        return claimed
                || parts.store()
                        .find(incident.id())
                        .filter(r -> r.state() == state && r.executionId().isEmpty())
                        .isPresent();
    }
}

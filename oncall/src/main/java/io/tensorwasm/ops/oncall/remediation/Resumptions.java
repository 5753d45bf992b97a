package io.tensorwasm.ops.oncall.remediation;

import io.tensorwasm.ops.engine.exec.ExecutionReport;
import io.tensorwasm.ops.engine.exec.Resumption;
import io.tensorwasm.ops.oncall.catalogue.RunbookLibrary;
import io.tensorwasm.ops.oncall.incident.IncidentStore;
import io.tensorwasm.ops.oncall.incident.TimelineEvent.Kind;
import io.tensorwasm.ops.oncall.run.LiveRuns;
import io.tensorwasm.ops.oncall.run.RunHooks;
import java.time.Clock;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A person resumes a stopped execution from the console (issue #19): the engine prepares the
 * continuation ({@link Resumption}) and it runs live like any console run. When the stopped run was
 * an incident's remediation, the continuation takes its place there and writes into the incident's
 * timeline. Nothing here is ever called by itself: a run a crash interrupted waits for a person.
 *
 * <pre>{@code
 * long next = resumptions.resume(new Resumption.Ask(12, OptionalInt.empty(), "bo", "disk freed", false));
 * }</pre>
 */
public final class Resumptions {

    private final RunbookLibrary library;
    private final LiveRuns runs;
    private final IncidentStore incidents;
    private final RemediationStore remediations;
    private final Clock clock;

    /** Resumes runs of the catalogue through the console's runs. */
    public Resumptions(
            RunbookLibrary library,
            LiveRuns runs,
            IncidentStore incidents,
            RemediationStore remediations,
            Clock clock) {
        this.library = library;
        this.runs = runs;
        this.incidents = incidents;
        this.remediations = remediations;
        this.clock = clock;
    }

    /**
     * Starts the continuation and returns its execution id once recorded. Blocks: call it from a
     * worker thread.
     *
     * @throws IllegalArgumentException when there is no such execution or step, or no reason
     * @throws IllegalStateException when the execution may not be resumed, saying why
     * @throws io.tensorwasm.ops.engine.model.RunbookException when a guardrail refuses it
     */
    public long resume(Resumption.Ask ask) {
        Resumption.Prepared next = Resumption.prepare(runs.store(), ask, library::runbook);
        RunHooks hooks =
                remediations
                        .byExecution(ask.executionId())
                        .map(r -> incidentHooks(r, ask, next))
                        .orElse(RunHooks.NONE);
        return runs.start(next.runbook(), next.request(), hooks);
    }

    private RunHooks incidentHooks(
            RemediationRecord owner, Resumption.Ask ask, Resumption.Prepared next) {
        IncidentNotes notes = new IncidentNotes(incidents, owner.incidentId(), clock);
        String how = "resumed by " + ask.person() + ", " + next.describe() + ": " + ask.reason();
        return new RunHooks(
                UnaryOperator.identity(),
                new IncidentTimeline(
                        notes,
                        how,
                        new IncidentTimeline.Outcome() {
                            @Override
                            public void started(long executionId) {
                                remediations.resumed(
                                        owner.incidentId(),
                                        ask.executionId(),
                                        executionId,
                                        clock.instant());
                            }

                            @Override
                            public void finished(ExecutionReport report) {
                                notes.append(
                                        Kind.NOTE,
                                        "the resumed run "
                                                + report.status().word()
                                                + "; the incident is still the on-call's to close");
                            }
                        }),
                Optional.empty());
    }
}

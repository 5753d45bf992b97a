package io.tensorwasm.ops.oncall.remediation;

import io.tensorwasm.ops.engine.exec.ExecutionListener;
import io.tensorwasm.ops.engine.exec.ExecutionReport;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.model.Step;
import io.tensorwasm.ops.engine.model.StepResult;
import io.tensorwasm.ops.oncall.incident.TimelineEvent.Kind;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a run into its incident's timeline as it happens: the run's start, every step as it
 * starts, every step's end with its check and what it observed, and the run's end. A hand-over to
 * another runbook lands there too; only the outermost run's end is handed to {@code onFinished}.
 */
final class IncidentTimeline implements ExecutionListener {

    private static final Logger logger = LoggerFactory.getLogger(IncidentTimeline.class);

    private final IncidentNotes notes;
    private final String how;
    private final Outcome outcome;
    private final Deque<Long> runs = new ArrayDeque<>();

    /**
     * @param how how the run runs, for its first line: {@code automatic} or {@code prepared}
     * @param outcome hears the outermost run start and end
     */
    IncidentTimeline(IncidentNotes notes, String how, Outcome outcome) {
        this.notes = notes;
        this.how = how;
        this.outcome = outcome;
    }

    /** Does nothing when a run starts and ends: the timeline only. */
    static final Outcome NONE =
            new Outcome() {
                @Override
                public void started(long executionId) {}

                @Override
                public void finished(ExecutionReport report) {}
            };

    /** What the remediation does when the outermost run starts and ends. */
    interface Outcome {
        /** The run was recorded under an id. */
        void started(long executionId);

        /** The run ended. */
        void finished(ExecutionReport report);
    }

    @Override
    public void runStarted(Runbook runbook, long executionId) {
        Long parent = runs.peek();
        runs.push(executionId);
        String started = parent == null ? how : "handed over from execution " + parent;
        if (parent == null) {
            outcome.started(executionId);
        }
        try {
            notes.attach(executionId, started);
        } catch (IllegalStateException e) {
            logger.warn("incident {}: {}", notes.incidentId(), e.getMessage());
        }
        append(
                Kind.RUN_STARTED,
                "execution " + executionId + " of " + runbook.id() + " started (" + started + ")",
                Optional.empty());
    }

    @Override
    public void stepStarted(Runbook runbook, Step step, int attempt) {
        append(
                Kind.STEP,
                "step "
                        + step.number()
                        + (attempt > 1
                                ? " started again (attempt " + attempt + "): "
                                : " started: ")
                        + step.action().text(),
                Optional.of(step.number()));
    }

    @Override
    public void stepFinished(Runbook runbook, Step step, StepResult result) {
        StringBuilder text =
                new StringBuilder("step " + result.step() + " " + result.status().word());
        if (!result.check().expected().isEmpty()) {
            text.append(": ").append(result.check().expected());
            if (!result.check().observed().isEmpty()) {
                text.append("; observed ").append(result.check().observed());
            }
        }
        if (!result.note().isEmpty()) {
            text.append(" (").append(result.note()).append(')');
        }
        append(
                step.check().isPresent() ? Kind.CHECK : Kind.STEP,
                text.toString(),
                Optional.of(step.number()));
    }

    @Override
    public void runFinished(ExecutionReport report) {
        append(
                Kind.RUN_FINISHED,
                "execution "
                        + report.executionId()
                        + " of "
                        + report.runbookId()
                        + " "
                        + report.status().word()
                        + " in "
                        + seconds(report)
                        + ": "
                        + report.summary(),
                Optional.empty());
        runs.pop();
        if (runs.isEmpty()) {
            outcome.finished(report);
        }
    }

    private void append(Kind kind, String text, Optional<Integer> step) {
        try {
            notes.append(kind, text, runs.isEmpty() ? 0 : runs.peek(), step);
        } catch (IllegalStateException e) {
            // The engine's record of the run stands; the timeline is the incident's copy of it.
            logger.warn("incident {}: {}", notes.incidentId(), e.getMessage());
        }
    }

    private static String seconds(ExecutionReport report) {
        return String.format(java.util.Locale.ROOT, "%.1f s", report.actual().toMillis() / 1000.0);
    }
}

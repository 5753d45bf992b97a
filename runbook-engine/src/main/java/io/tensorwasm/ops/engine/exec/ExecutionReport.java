package io.tensorwasm.ops.engine.exec;

import io.tensorwasm.ops.engine.model.Durations;
import io.tensorwasm.ops.engine.model.Mode;
import io.tensorwasm.ops.engine.model.RunStatus;
import io.tensorwasm.ops.engine.model.StepResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How a run ended: its steps, its duration against the estimate and the SLA.
 *
 * @param executionId the recorded id
 * @param runbookId the runbook
 * @param mode how it ran
 * @param status how it ended
 * @param steps the steps in the order they ran
 * @param started when it started
 * @param finished when it ended
 * @param estimated the sum of the step estimates
 * @param sla the runbook's SLA, if any
 * @param summary one line on how it ended
 */
public record ExecutionReport(
        long executionId,
        String runbookId,
        Mode mode,
        RunStatus status,
        List<StepResult> steps,
        Instant started,
        Instant finished,
        Duration estimated,
        Optional<Duration> sla,
        String summary) {

    public ExecutionReport {
        steps = List.copyOf(steps);
    }

    /** How long it took. */
    public Duration actual() {
        return Duration.between(started, finished);
    }

    /** True when it took longer than its SLA. */
    public boolean pastSla() {
        return sla.isPresent() && actual().compareTo(sla.get()) > 0;
    }

    /** The run as text: one line per step, then the verdict against estimate and SLA. */
    public String render() {
        StringBuilder text = new StringBuilder();
        text.append("execution ")
                .append(executionId)
                .append(" of ")
                .append(runbookId)
                .append(" (")
                .append(mode.word())
                .append(")\n");
        for (StepResult step : steps) {
            text.append(
                    String.format(
                            "  %2d  %-8s %s", step.step(), step.status().word(), step.action()));
            if (!step.check().expected().isEmpty()) {
                text.append("  [")
                        .append(step.check().outcome().word())
                        .append(": ")
                        .append(step.check().expected());
                if (!step.check().observed().isEmpty()) {
                    text.append("; observed ").append(step.check().observed());
                }
                text.append(']');
            }
            if (!step.note().isEmpty()) {
                text.append("  (").append(step.note()).append(')');
            }
            text.append('\n');
        }
        text.append(status.word())
                .append(" in ")
                .append(millis(actual()))
                .append(" against an estimate of ")
                .append(Durations.format(estimated));
        sla.ifPresent(
                s ->
                        text.append(pastSla() ? "; PAST its SLA of " : "; within its SLA of ")
                                .append(Durations.format(s)));
        return text.append('\n').append(summary).append('\n').toString();
    }

    private static String millis(Duration d) {
        return d.toMillis() < 1000
                ? d.toMillis() + " ms"
                : String.format("%.1f s", d.toMillis() / 1000.0);
    }
}

package io.tensorwasm.ops.launcher.runbook;

import io.tensorwasm.ops.engine.check.Evaluation;
import io.tensorwasm.ops.engine.exec.ExecutionListener;
import io.tensorwasm.ops.engine.model.Durations;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.model.Step;
import io.tensorwasm.ops.engine.model.StepResult;
import java.io.PrintWriter;

/** Prints a run as it happens: each poll with what it observed, each step against its estimate. */
final class TerminalListener implements ExecutionListener {

    private final PrintWriter out;

    TerminalListener(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void runStarted(Runbook runbook, long executionId) {
        out.println(
                "execution " + executionId + ": " + runbook.id() + " (" + runbook.title() + ")");
        out.flush();
    }

    @Override
    public void checkPolled(Runbook runbook, Step step, int poll, Evaluation evaluation) {
        out.println(
                "  poll "
                        + poll
                        + ": "
                        + evaluation.verdict().name().toLowerCase(java.util.Locale.ROOT)
                        + " "
                        + evaluation.observed());
        out.flush();
    }

    @Override
    public void stepFinished(Runbook runbook, Step step, StepResult result) {
        String late =
                result.duration().compareTo(step.estimate()) > 0 && !step.estimate().isZero()
                        ? " (over its estimate of " + Durations.format(step.estimate()) + ")"
                        : "";
        out.println(
                "  step "
                        + step.number()
                        + " "
                        + result.status().word()
                        + " in "
                        + result.duration().toMillis()
                        + " ms"
                        + late
                        + (result.note().isEmpty() ? "" : ": " + result.note()));
        out.flush();
    }
}

package io.tensorwasm.ops.oncall.run;

import io.tensorwasm.ops.engine.check.Evaluation;
import io.tensorwasm.ops.engine.exec.Approvals;
import io.tensorwasm.ops.engine.exec.ExecutionListener;
import io.tensorwasm.ops.engine.exec.ExecutionReport;
import io.tensorwasm.ops.engine.exec.Pager;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.model.Step;
import io.tensorwasm.ops.engine.model.StepResult;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What a run started for an incident adds to a console run: a gate in front of the person who
 * answers its questions, one more listener (the incident's timeline), and its own pager.
 *
 * @param approvals wraps the console's person, e.g. to record who took a prepared run
 * @param listener hears the run besides the console's live view
 * @param pager where the run's escalations go, instead of the console's default pager
 */
public record RunHooks(
        UnaryOperator<Approvals> approvals, ExecutionListener listener, Optional<Pager> pager) {

    /** Adds nothing: a run a person starts from the console. */
    public static final RunHooks NONE =
            new RunHooks(UnaryOperator.identity(), ExecutionListener.NONE, Optional.empty());

    public RunHooks {
        Objects.requireNonNull(approvals, "approvals");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(pager, "pager");
    }

    /** The console's live view and this listener, for every event. */
    ExecutionListener after(ExecutionListener live) {
        ExecutionListener also = listener;
        return new ExecutionListener() {
            @Override
            public void runStarted(Runbook runbook, long executionId) {
                // This one first: start() returns once the live view hears of the run, and what
                // its caller records next must come after the run's start in the incident.
                also.runStarted(runbook, executionId);
                live.runStarted(runbook, executionId);
            }

            @Override
            public void stepStarted(Runbook runbook, Step step, int attempt) {
                live.stepStarted(runbook, step, attempt);
                also.stepStarted(runbook, step, attempt);
            }

            @Override
            public void checkPolled(Runbook runbook, Step step, int poll, Evaluation evaluation) {
                live.checkPolled(runbook, step, poll, evaluation);
                also.checkPolled(runbook, step, poll, evaluation);
            }

            @Override
            public void stepFinished(Runbook runbook, Step step, StepResult result) {
                live.stepFinished(runbook, step, result);
                also.stepFinished(runbook, step, result);
            }

            @Override
            public void runFinished(ExecutionReport report) {
                live.runFinished(report);
                also.runFinished(report);
            }
        };
    }
}

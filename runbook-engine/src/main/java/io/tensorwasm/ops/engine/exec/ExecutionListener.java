package io.tensorwasm.ops.engine.exec;

import io.tensorwasm.ops.engine.check.Evaluation;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.model.Step;
import io.tensorwasm.ops.engine.model.StepResult;

/**
 * Hears a run as it happens, so the console can stream it live. Every method has a no-op default;
 * calls come on the thread that runs the runbook.
 */
public interface ExecutionListener {

    /** The run started and was recorded under an id (0 for a dry run). */
    default void runStarted(Runbook runbook, long executionId) {}

    /** A step starts; {@code attempt} counts from 1. */
    default void stepStarted(Runbook runbook, Step step, int attempt) {}

    /** A check was evaluated, with what it observed. */
    default void checkPolled(Runbook runbook, Step step, int poll, Evaluation evaluation) {}

    /** A step ended. */
    default void stepFinished(Runbook runbook, Step step, StepResult result) {}

    /** The run ended. */
    default void runFinished(ExecutionReport report) {}

    /** Hears nothing. */
    ExecutionListener NONE = new ExecutionListener() {};
}

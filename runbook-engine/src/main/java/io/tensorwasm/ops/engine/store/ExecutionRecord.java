package io.tensorwasm.ops.engine.store;

import io.tensorwasm.ops.engine.model.StepResult;
import java.util.List;

/**
 * A recorded execution with its steps, in the order they ran.
 *
 * @param summary the execution
 * @param steps its steps
 */
public record ExecutionRecord(ExecutionSummary summary, List<StepResult> steps) {

    public ExecutionRecord {
        steps = List.copyOf(steps);
    }
}

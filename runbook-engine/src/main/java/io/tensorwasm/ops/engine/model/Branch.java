package io.tensorwasm.ops.engine.model;

import java.util.Objects;

/**
 * One answer of a {@link Action.Decide}: go to a step, run another runbook, or end the run.
 *
 * @param answer the answer's word, such as {@code yes}
 * @param step the step to go to, or 0
 * @param runbook the runbook to run instead, or empty
 */
public record Branch(String answer, int step, String runbook) {

    public Branch {
        Objects.requireNonNull(answer, "answer");
        runbook = runbook == null ? "" : runbook;
        if (step < 0) {
            throw new IllegalArgumentException(step + ": steps are numbered from 1");
        }
        if (step > 0 && !runbook.isEmpty()) {
            throw new IllegalArgumentException(answer + ": a branch leads to a step or a runbook");
        }
    }

    /** True when the answer ends the run. */
    public boolean ends() {
        return step == 0 && runbook.isEmpty();
    }

    @Override
    public String toString() {
        if (step > 0) {
            return answer + " -> step " + step;
        }
        return runbook.isEmpty() ? answer + " -> end" : answer + " -> runbook " + runbook;
    }
}

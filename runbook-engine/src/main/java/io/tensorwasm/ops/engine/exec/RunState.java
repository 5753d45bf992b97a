package io.tensorwasm.ops.engine.exec;

import io.tensorwasm.ops.engine.model.RunStatus;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.model.StepResult;
import java.util.ArrayList;
import java.util.List;

/** What one run has gathered so far: its steps' results, the evidence for a page, its verdict. */
final class RunState {
    final Runbook runbook;
    final RunRequest request;
    final long id;
    final String target;
    final List<StepResult> results = new ArrayList<>();
    final List<String> evidence = new ArrayList<>();
    final List<Integer> failedOver = new ArrayList<>();
    final StepValues values;
    RunStatus status = RunStatus.RUNNING;
    String summary = "";

    RunState(
            Runbook runbook,
            RunRequest request,
            long id,
            String target,
            java.util.Map<String, String> inputs) {
        this.runbook = runbook;
        this.request = request;
        this.id = id;
        this.target = target;
        this.values = new StepValues(id, inputs);
        request.continuation().ifPresent(k -> k.inherited().forEach(values::put));
    }
}

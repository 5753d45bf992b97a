package io.tensorwasm.ops.engine.exec;

import io.tensorwasm.ops.engine.model.FleetMember;
import io.tensorwasm.ops.engine.model.RunStatus;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.model.StepResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one run has gathered so far: its steps' results, the evidence for a page, its verdict. A
 * fleet member's part of a run shares the run's results and evidence, and keeps its own step values
 * so that {@code {steps.N.NAME}} reads what the step saw for that member.
 */
final class RunState {
    final Runbook runbook;
    final RunRequest request;
    final long id;
    final String target;
    final List<StepResult> results;
    final List<String> evidence;
    final List<Integer> failedOver;
    final List<String> notes;
    final StepValues values;
    final Optional<FleetMember> member;
    final String batch;
    RunStatus status = RunStatus.RUNNING;
    String summary = "";

    RunState(
            Runbook runbook,
            RunRequest request,
            long id,
            String target,
            FleetMember member,
            Map<String, String> inputs) {
        this.runbook = runbook;
        this.request = request;
        this.id = id;
        this.target = target;
        this.results = new ArrayList<>();
        this.evidence = new ArrayList<>();
        this.failedOver = new ArrayList<>();
        this.notes = new ArrayList<>();
        this.values = new StepValues(id, inputs);
        request.continuation().ifPresent(k -> k.inherited().forEach(values::put));
        this.member = Optional.ofNullable(member);
        this.batch = "";
    }

    /** A member's part of a run, in a batch of a fleet block. */
    private RunState(RunState run, FleetMember member, String batch) {
        this.runbook = run.runbook;
        this.request = run.request;
        this.id = run.id;
        this.target = member.name();
        this.results = run.results;
        this.evidence = run.evidence;
        this.failedOver = run.failedOver;
        this.notes = run.notes;
        this.values = run.values.copy();
        this.member = Optional.of(member);
        this.batch = batch;
    }

    /** This run's part for a member of a batch. */
    RunState forMember(FleetMember member, String batch) {
        return new RunState(this, member, batch);
    }

    /** {@code " [replica-2]"} for a member's part, else empty. */
    String who() {
        return member.map(m -> " [" + m.name() + "]").orElse("");
    }
}

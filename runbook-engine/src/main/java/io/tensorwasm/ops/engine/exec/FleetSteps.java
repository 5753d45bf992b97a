package io.tensorwasm.ops.engine.exec;

import io.tensorwasm.ops.engine.model.Durations;
import io.tensorwasm.ops.engine.model.FleetBlock;
import io.tensorwasm.ops.engine.model.FleetMember;
import io.tensorwasm.ops.engine.model.FleetStrategy;
import io.tensorwasm.ops.engine.model.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs a fleet block: batch after batch (the canary alone first), each member of a batch taking the
 * block's steps in order, one step for every member of the batch before the next step (Ansible's
 * linear strategy with one fork). A member whose step fails stops there: its On failure says
 * whether it escalates for that member, or hands the member over to another runbook (the rollback),
 * which runs against that member only. After each batch, more failed members than {@code max_fail}
 * allows stop the rollout: the members not reached are left untouched and the run escalates with
 * the runbook's Escalation.
 */
final class FleetSteps {

    /** Hands a failed member over to another runbook; returns what became of it, in words. */
    @FunctionalInterface
    interface HandOver {
        String run(String runbookId, RunState member);
    }

    private final RunContext context;
    private final Function<FleetMember, StepRunner> runners;
    private final HandOver handOver;
    private final BiFunction<RunState, String, String> escalation;

    /**
     * @param escalation pages for the run with a message (or, in a shadow run, records that it
     *     would) and says which, in words
     */
    FleetSteps(
            RunContext context,
            Function<FleetMember, StepRunner> runners,
            HandOver handOver,
            BiFunction<RunState, String, String> escalation) {
        this.context = context;
        this.runners = runners;
        this.handOver = handOver;
        this.escalation = escalation;
    }

    /** Runs the block for the members; NEXT when the rollout went through it, else where to go. */
    Next run(RunState run, FleetBlock block, List<FleetMember> members) {
        FleetStrategy strategy = block.strategy();
        List<Step> steps =
                run.runbook.steps().stream().filter(s -> block.contains(s.number())).toList();
        List<List<FleetMember>> batches = strategy.batches(members);
        Map<String, String> failed = new LinkedHashMap<>();
        int done = 0;
        for (int b = 0; b < batches.size(); b++) {
            List<FleetMember> batch = batches.get(b);
            String label = label(strategy, b);
            run.evidence.add(block.steps() + ": " + label + " " + names(batch));
            Next stop = batch(run, steps, batch, label, failed);
            if (stop != null) {
                return stop;
            }
            done += batch.size();
            if (strategy.pastMaxFail(failed.size(), members.size())) {
                return stopped(block, strategy, failed, members.subList(done, members.size()));
            }
            if (b < batches.size() - 1 && !strategy.pause().isZero()) {
                run.evidence.add(
                        "paused " + Durations.format(strategy.pause()) + " after " + label);
                ActionRunner.waitFor(context.paced(strategy.pause()));
                if (Thread.currentThread().isInterrupted()) {
                    return Next.abort("interrupted while pausing between batches", false);
                }
            }
        }
        if (!failed.isEmpty()) {
            run.notes.add(
                    "members failed within max_fail "
                            + strategy.maxFail()
                            + " at "
                            + block.steps()
                            + ": "
                            + describe(failed));
        }
        return Next.NEXT_STEP;
    }

    /**
     * One batch: each step for each member still going. Null when the batch ran through (members
     * may have failed), else where the whole run goes: a person aborted, or a step paused it.
     */
    private Next batch(
            RunState run,
            List<Step> steps,
            List<FleetMember> batch,
            String label,
            Map<String, String> failed) {
        Map<FleetMember, RunState> going = new LinkedHashMap<>();
        batch.forEach(m -> going.put(m, run.forMember(m, label)));
        for (Step step : steps) {
            for (FleetMember member : new ArrayList<>(going.keySet())) {
                RunState part = going.get(member);
                Next next = runners.apply(member).run(part, step);
                switch (next.kind()) {
                    case NEXT -> {}
                    case ABORT -> {
                        if (!next.failed()) {
                            return next;
                        }
                        failed.put(member.name(), next.message());
                        going.remove(member);
                    }
                    case PAUSE -> {
                        return new Next(
                                Next.Kind.PAUSE,
                                0,
                                "",
                                member.name() + ": " + next.message(),
                                false);
                    }
                    case ESCALATE -> {
                        String paged = escalation.apply(run, member.name() + ": " + next.message());
                        failed.put(member.name(), next.message() + "; " + paged);
                        going.remove(member);
                    }
                    case RUNBOOK -> {
                        String after = handOver.run(next.runbook(), part);
                        failed.put(member.name(), next.message() + "; " + after);
                        going.remove(member);
                    }
                    default -> {
                        // END and GOTO cannot come out of a fleet block (lint refuses decide and
                        // goto there); a member that would leave the block stops.
                        failed.put(
                                member.name(),
                                "step " + step.number() + " tried to leave the fleet block");
                        going.remove(member);
                    }
                }
            }
        }
        return null;
    }

    private static Next stopped(
            FleetBlock block,
            FleetStrategy strategy,
            Map<String, String> failed,
            List<FleetMember> untouched) {
        String message =
                "rollout stopped at "
                        + block.steps()
                        + ": "
                        + failed.size()
                        + (failed.size() == 1 ? " member" : " members")
                        + " failed, past max_fail "
                        + strategy.maxFail()
                        + " ("
                        + describe(failed)
                        + ")"
                        + (untouched.isEmpty() ? "" : "; untouched: " + names(untouched));
        return new Next(Next.Kind.ESCALATE, 0, "", message, true);
    }

    /** "canary", then "batch 1", "batch 2"; without a canary the first is "batch 1". */
    private static String label(FleetStrategy strategy, int index) {
        if (strategy.canary() > 0) {
            return index == 0 ? "canary" : "batch " + index;
        }
        return "batch " + (index + 1);
    }

    private static String names(List<FleetMember> members) {
        return members.stream().map(FleetMember::name).collect(Collectors.joining(", "));
    }

    private static String describe(Map<String, String> failed) {
        return failed.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("; "));
    }
}

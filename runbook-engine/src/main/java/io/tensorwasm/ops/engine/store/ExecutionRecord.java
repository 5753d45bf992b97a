package io.tensorwasm.ops.engine.store;

import io.tensorwasm.ops.engine.model.StepResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /**
     * The steps of each fleet member, members in the order the rollout reached them: each one's
     * timeline. Empty when no step addressed a member.
     */
    public List<MemberSteps> members() {
        Map<String, List<StepResult>> byMember = new LinkedHashMap<>();
        for (StepResult step : steps) {
            if (!step.member().isEmpty()) {
                byMember.computeIfAbsent(step.member(), m -> new ArrayList<>()).add(step);
            }
        }
        return byMember.entrySet().stream()
                .map(e -> new MemberSteps(e.getKey(), e.getValue().get(0).batch(), e.getValue()))
                .toList();
    }

    /**
     * One member's part of a run.
     *
     * @param member its name
     * @param batch its batch: canary, batch 1, ...
     * @param steps its steps in the order they ran
     */
    public record MemberSteps(String member, String batch, List<StepResult> steps) {
        public MemberSteps {
            steps = List.copyOf(steps);
        }
    }
}

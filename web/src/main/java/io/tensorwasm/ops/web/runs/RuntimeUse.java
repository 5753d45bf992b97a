package io.tensorwasm.ops.web.runs;

import io.tensorwasm.ops.engine.model.Action;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.model.Step;
import java.util.List;

/**
 * Which steps of a runbook talk to the runtime over HTTP, so that starting a run while the runtime
 * is down can say which steps will fail. Steps that go through a target adapter ({@code target
 * restart}) do not count: they work on a stopped runtime.
 */
final class RuntimeUse {

    private RuntimeUse() {}

    /** The numbers of the steps that need the runtime to answer. */
    static List<Integer> steps(Runbook runbook, boolean prometheusConfigured) {
        return runbook.steps().stream()
                .filter(step -> needsRuntime(step, prometheusConfigured))
                .map(Step::number)
                .toList();
    }

    private static boolean needsRuntime(Step step, boolean prometheusConfigured) {
        Action action = step.action();
        String check = step.check().map(c -> c.expression()).orElse("");
        boolean readsMetrics =
                action instanceof Action.Promql
                        || check.contains("metric(")
                        || check.contains("promql(");
        return action.text().contains("{runtime}")
                || check.matches("(?s).*\\bhealth\\b.*")
                || (action instanceof Action.Cli cli && cli.tool().equals("tensor-wasm"))
                || (readsMetrics && !prometheusConfigured);
    }

    /** "steps 1, 2 and 5" or "step 3". */
    static String list(List<Integer> steps) {
        if (steps.size() == 1) {
            return "step " + steps.get(0);
        }
        List<String> words = steps.stream().map(String::valueOf).toList();
        return "steps "
                + String.join(", ", words.subList(0, words.size() - 1))
                + " and "
                + words.get(words.size() - 1);
    }
}

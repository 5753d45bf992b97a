package io.tensorwasm.ops.oncall.run;

import io.tensorwasm.ops.engine.model.Action;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.model.Step;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Which steps of a runbook talk to the runtime over HTTP, so that starting a run while the runtime
 * is down can say which steps will fail. Steps that go through a target adapter ({@code target
 * restart}) do not count: they work on a stopped runtime.
 */
public final class RuntimeUse {

    private RuntimeUse() {}

    /**
     * What to say before an interactive run starts while the runtime does not answer, or empty when
     * no step of the runbook needs it.
     *
     * @param runtime the runtime's address
     * @param prometheusConfigured true when metrics come from Prometheus rather than the runtime
     */
    public static Optional<RuntimeDownPage> warning(
            Runbook runbook, URI runtime, boolean prometheusConfigured) {
        List<Integer> steps = steps(runbook, prometheusConfigured);
        if (steps.isEmpty()) {
            return Optional.empty();
        }
        String list = list(steps);
        return Optional.of(
                new RuntimeDownPage(
                        runbook.id(),
                        runbook.title(),
                        runtime.toString(),
                        "The runtime at "
                                + runtime
                                + " is not answering its health check. "
                                + Character.toUpperCase(list.charAt(0))
                                + list.substring(1)
                                + " of this runbook "
                                + (steps.size() == 1 ? "calls" : "call")
                                + " it and will fail until it is back.",
                        steps));
    }

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

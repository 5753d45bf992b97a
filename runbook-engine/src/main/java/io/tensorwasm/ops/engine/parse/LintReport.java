package io.tensorwasm.ops.engine.parse;

import io.tensorwasm.ops.engine.model.Action;
import io.tensorwasm.ops.engine.model.Durations;
import io.tensorwasm.ops.engine.model.Problem;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.model.Step;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The runbooks read from some files and every problem found, in file order.
 *
 * @param runbooks the runbooks that could be read
 * @param problems the problems, each {@code file:line:col: message}
 */
public record LintReport(List<Runbook> runbooks, List<Problem> problems) {

    public LintReport {
        runbooks = List.copyOf(runbooks);
        problems = List.copyOf(problems);
    }

    /** True when there is no problem. */
    public boolean ok() {
        return problems.isEmpty();
    }

    /** The runbook with an id. */
    public Optional<Runbook> runbook(String id) {
        return runbooks.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /**
     * One line per runbook: steps, total against SLA, and which steps have a machine-checkable
     * check, which a manual one (prose, or a {@code confirm}), and which none.
     */
    public static String summary(Runbook runbook) {
        List<Step> steps = runbook.steps();
        String sla =
                runbook.metadata().sla().map(s -> " of " + Durations.format(s) + " SLA").orElse("");
        String none = numbers(steps, Kind.NONE);
        return runbook.id()
                + ": "
                + steps.size()
                + (steps.size() == 1 ? " step, " : " steps, ")
                + Durations.format(runbook.estimatedTotal())
                + sla
                + "; machine-checkable: "
                + orNone(numbers(steps, Kind.MACHINE))
                + "; manual: "
                + orNone(numbers(steps, Kind.MANUAL))
                + (none.isEmpty() ? "" : "; no check: " + none);
    }

    private enum Kind {
        MACHINE,
        MANUAL,
        NONE
    }

    private static Kind kind(Step step) {
        if (step.check().isPresent()) {
            return step.check().get().machineCheckable() ? Kind.MACHINE : Kind.MANUAL;
        }
        return step.action() instanceof Action.Confirm ? Kind.MANUAL : Kind.NONE;
    }

    private static String orNone(String numbers) {
        return numbers.isEmpty() ? "none" : numbers;
    }

    private static String numbers(List<Step> steps, Kind kind) {
        return steps.stream()
                .filter(s -> kind(s) == kind)
                .map(s -> Integer.toString(s.number()))
                .collect(Collectors.joining(", "));
    }

    /** True when no problem was found in the runbook's file. */
    public boolean clean(Runbook runbook) {
        return problems.stream()
                .noneMatch(p -> p.position().file().equals(runbook.position().file()));
    }

    /** The problems, then a summary line per runbook. */
    public String render() {
        StringBuilder text = new StringBuilder();
        problems.forEach(p -> text.append(p).append('\n'));
        runbooks.stream().filter(this::clean).forEach(r -> text.append(summary(r)).append('\n'));
        return text.toString();
    }
}

package io.tensorwasm.ops.engine.parse;

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

    /** One line per runbook: steps, total against SLA, machine-checkable and manual steps. */
    public static String summary(Runbook runbook) {
        List<Step> steps = runbook.steps();
        String machine = numbers(steps, true);
        String manual = numbers(steps, false);
        String sla = runbook.metadata().sla().map(s -> " of " + Durations.format(s) + " SLA").orElse("");
        return runbook.id()
                + ": "
                + steps.size()
                + " steps, "
                + Durations.format(runbook.estimatedTotal())
                + sla
                + "; machine-checkable: "
                + (machine.isEmpty() ? "none" : machine)
                + "; manual: "
                + (manual.isEmpty() ? "none" : manual);
    }

    private static String numbers(List<Step> steps, boolean machine) {
        return steps.stream()
                .filter(s -> s.check().map(c -> c.machineCheckable() == machine).orElse(machine))
                .map(s -> Integer.toString(s.number()))
                .collect(Collectors.joining(", "));
    }

    /** The problems, then a summary line per runbook. */
    public String render() {
        StringBuilder text = new StringBuilder();
        problems.forEach(p -> text.append(p).append('\n'));
        runbooks.forEach(r -> text.append(summary(r)).append('\n'));
        return text.toString();
    }
}

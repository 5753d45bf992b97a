package io.tensorwasm.ops.engine.exec;

import io.tensorwasm.ops.engine.model.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A dry run: the steps with their estimates and checks, the total against the SLA, and with a probe
 * the live values of the read-only steps.
 *
 * @param runbookId the runbook
 * @param title its title
 * @param steps the planned steps
 * @param total the sum of the estimates
 * @param sla the SLA, if any
 * @param params the parameter values the plan was filled with
 */
public record Plan(
        String runbookId,
        String title,
        List<Planned> steps,
        Duration total,
        Optional<Duration> sla,
        Map<String, String> params) {

    public Plan {
        steps = List.copyOf(steps);
        params = Map.copyOf(params);
    }

    /** True when the estimates fit the SLA, or there is none. */
    public boolean withinSla() {
        return sla.map(s -> total.compareTo(s) <= 0).orElse(true);
    }

    /** The probed steps that could not read their value, each saying why. */
    public List<Planned> unread() {
        return steps.stream().filter(s -> s.probe().startsWith(Executor.NOT_READ)).toList();
    }

    /** The plan as text. */
    public String render() {
        StringBuilder text = new StringBuilder();
        text.append("plan for ")
                .append(runbookId)
                .append(" (")
                .append(title)
                .append("): ")
                .append(steps.size())
                .append(" steps, ")
                .append(Durations.format(total));
        sla.ifPresent(
                s ->
                        text.append(withinSla() ? " within its SLA of " : " OVER its SLA of ")
                                .append(Durations.format(s)));
        long checks = steps.stream().filter(s -> !s.check().isEmpty()).count();
        long machine =
                steps.stream().filter(s -> !s.check().isEmpty() && s.machineCheckable()).count();
        long people = steps.stream().filter(Planned::needsPerson).count();
        text.append("; checks: ")
                .append(machine)
                .append(" machine, ")
                .append(checks - machine)
                .append(" manual; ")
                .append(people)
                .append(people == 1 ? " step needs" : " steps need")
                .append(" a person\n");
        if (!params.isEmpty()) {
            text.append("  params: ")
                    .append(
                            new java.util.TreeMap<>(params)
                                    .entrySet().stream()
                                            .map(e -> e.getKey() + "=" + e.getValue())
                                            .collect(java.util.stream.Collectors.joining(", ")))
                    .append('\n');
        }
        for (Planned step : steps) {
            text.append(
                    String.format(
                            "  %2d  %-6s %s",
                            step.number(), Durations.format(step.estimate()), step.action()));
            if (!step.check().isEmpty()) {
                text.append("  -> ")
                        .append(step.check())
                        .append(step.machineCheckable() ? " [machine]" : " [manual]");
            }
            if (step.needsPerson()) {
                text.append(" [needs a person]");
            }
            if (!step.probe().isEmpty()) {
                text.append("\n        probe: ").append(step.probe());
            }
            text.append('\n');
        }
        return text.toString();
    }

    /**
     * One planned step.
     *
     * @param number its number
     * @param action the action as it would run: placeholders filled where their values are known,
     *     each argument of a command quoted as one word; a placeholder whose value comes from a
     *     step not yet run stays as written, marked {@code [template: ...]}
     * @param check the check's text, or empty
     * @param estimate its estimate
     * @param machineCheckable true when the engine can evaluate the check (or there is none)
     * @param needsPerson true when an automatic run would pause here
     * @param probe the live result of a read-only step, or empty
     */
    public record Planned(
            int number,
            String action,
            String check,
            Duration estimate,
            boolean machineCheckable,
            boolean needsPerson,
            String probe) {}
}

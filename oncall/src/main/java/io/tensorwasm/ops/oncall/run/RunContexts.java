package io.tensorwasm.ops.oncall.run;

import io.tensorwasm.ops.engine.exec.Approvals;
import io.tensorwasm.ops.engine.exec.ExecutionListener;
import io.tensorwasm.ops.engine.exec.Pager;
import io.tensorwasm.ops.engine.exec.RunContext;
import io.tensorwasm.ops.engine.metrics.MetricSource;
import io.tensorwasm.ops.engine.model.Fleet;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.store.ExecutionStore;
import io.tensorwasm.ops.engine.target.TargetAdapter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Builds the engine's {@link RunContext} for each run the console starts: the same runtime URL,
 * metric source, target adapters, tools, pager and store every time, with the run's own person and
 * listener.
 *
 * @param variables placeholder values: {@code runtime}, and {@code prometheus} when configured
 * @param metrics where checks and {@code promql} steps read metrics
 * @param targets target adapters by name
 * @param cliTools command lines of {@code cli} tools
 * @param pager where escalations go
 * @param store where executions are recorded
 * @param catalog runbooks by id, for {@code decide} answers that lead to another runbook
 * @param pollInterval how often {@code within} checks poll
 * @param runtimeToken the runtime's admin token, sent only to {@code {runtime}}; empty for none
 * @param fleet the fleet that fleet steps address, if any
 */
public record RunContexts(
        Map<String, String> variables,
        MetricSource metrics,
        Map<String, TargetAdapter> targets,
        Map<String, List<String>> cliTools,
        Pager pager,
        ExecutionStore store,
        Function<String, Optional<Runbook>> catalog,
        Duration pollInterval,
        String runtimeToken,
        Optional<Fleet> fleet) {

    public RunContexts {
        runtimeToken = runtimeToken == null ? "" : runtimeToken;
        Objects.requireNonNull(fleet, "fleet");
        variables = Map.copyOf(variables);
        targets = Map.copyOf(targets);
        cliTools = Map.copyOf(cliTools);
    }

    /** A context whose person and listener are the given ones. */
    public RunContext context(Approvals approvals, ExecutionListener listener) {
        return context(approvals, listener, pager);
    }

    /** A context whose person, listener and pager are the given ones. */
    public RunContext context(Approvals approvals, ExecutionListener listener, Pager runPager) {
        return context(approvals, listener, runPager, Map.of());
    }

    /**
     * A context whose person, listener and pager are the given ones, with the values a person gave
     * the runbook's vars for this run; they never replace the console's own placeholders ({@code
     * {runtime}}, {@code {prometheus}}), whose origin decides where the token goes.
     */
    public RunContext context(
            Approvals approvals,
            ExecutionListener listener,
            Pager runPager,
            Map<String, String> runVars) {
        RunContext.Builder builder =
                RunContext.builder()
                        .store(store)
                        .metrics(metrics)
                        .pager(runPager)
                        .runtimeToken(runtimeToken)
                        .catalog(catalog)
                        .pollInterval(pollInterval)
                        .approvals(approvals)
                        .listener(listener);
        runVars.forEach(
                (name, value) -> {
                    if (!variables.containsKey(name)) {
                        builder.variable(name, value);
                    }
                });
        variables.forEach(builder::variable);
        fleet.ifPresent(builder::fleet);
        targets.forEach(builder::target);
        cliTools.forEach(builder::cliTool);
        return builder.build();
    }
}

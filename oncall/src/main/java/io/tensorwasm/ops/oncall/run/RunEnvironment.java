package io.tensorwasm.ops.oncall.run;

import io.tensorwasm.ops.engine.exec.Pager;
import io.tensorwasm.ops.engine.model.Fleet;
import io.tensorwasm.ops.engine.target.TargetAdapter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What runs act on beyond HTTP: target adapters by name (the launcher passes the runtime's local
 * process), command-line tools for {@code cli} steps, and how often {@code within} checks poll.
 *
 * <pre>{@code
 * RunEnvironment environment = RunEnvironment.none()
 *         .withTarget("runtime", localRuntime)
 *         .withCliTool("tensor-wasm", List.of("bin/tensor-wasm"));
 * OnCall.create(new OnCall.Wiring(database, library, environment, endpoints, settings));
 * }</pre>
 *
 * @param targets target adapters by the names runbooks use
 * @param cliTools the command line of each {@code cli} tool
 * @param pager where escalations go instead of the rotation ({@code OnCall}'s paging), for tests
 * @param pollInterval how often a {@code within} check is evaluated
 * @param runtimeToken the runtime's admin token ({@code data/runtime-admin-token}); runs send it to
 *     {@code {runtime}} only, and it is cut from everything recorded; empty for none
 * @param fleet the replicas that fleet steps address and alerts name by instance, if any
 */
public record RunEnvironment(
        Map<String, TargetAdapter> targets,
        Map<String, List<String>> cliTools,
        Optional<Pager> pager,
        Duration pollInterval,
        String runtimeToken,
        Optional<Fleet> fleet) {

    public RunEnvironment {
        runtimeToken = runtimeToken == null ? "" : runtimeToken.strip();
        targets = Map.copyOf(targets);
        cliTools = Map.copyOf(cliTools);
        Objects.requireNonNull(pager, "pager");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(fleet, "fleet");
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException(
                    pollInterval + ": the poll interval must be positive");
        }
    }

    /** No targets, no tools, pages to the rotation, checks polled every second. */
    public static RunEnvironment none() {
        return new RunEnvironment(
                Map.of(), Map.of(), Optional.empty(), Duration.ofSeconds(1), "", Optional.empty());
    }

    /** The same, with a target adapter under a name. */
    public RunEnvironment withTarget(String name, TargetAdapter adapter) {
        Map<String, TargetAdapter> more = new HashMap<>(targets);
        more.put(name, adapter);
        return new RunEnvironment(more, cliTools, pager, pollInterval, runtimeToken, fleet);
    }

    /** The same, with a command-line tool for {@code cli} steps. */
    public RunEnvironment withCliTool(String name, List<String> command) {
        Map<String, List<String>> more = new HashMap<>(cliTools);
        more.put(name, List.copyOf(command));
        return new RunEnvironment(targets, more, pager, pollInterval, runtimeToken, fleet);
    }

    /** The same, paging another pager instead of the rotation. */
    public RunEnvironment withPager(Pager other) {
        return new RunEnvironment(
                targets, cliTools, Optional.of(other), pollInterval, runtimeToken, fleet);
    }

    /** The same, polling {@code within} checks at another interval. */
    public RunEnvironment withPollInterval(Duration interval) {
        return new RunEnvironment(targets, cliTools, pager, interval, runtimeToken, fleet);
    }

    /** The same, with the runtime's admin token for {@code http} steps to {@code {runtime}}. */
    public RunEnvironment withRuntimeToken(String token) {
        return new RunEnvironment(targets, cliTools, pager, pollInterval, token, fleet);
    }

    /** The same, with a fleet for fleet steps and for alerts about one of its members. */
    public RunEnvironment withFleet(Fleet replicas) {
        return new RunEnvironment(
                targets, cliTools, pager, pollInterval, runtimeToken, Optional.of(replicas));
    }
}

package io.tensorwasm.ops.engine.target;

import io.tensorwasm.ops.engine.model.Action;
import java.util.Optional;

/**
 * Maps the target operations of {@link Action.Operation} onto an environment, so the same runbook
 * runs on a laptop (a local process), a host (systemd), a cluster (Kubernetes, with or without
 * Helm) and Docker Compose. An operation the environment cannot do is declared {@link #manual} with
 * its reason: the engine then asks a person to do it by hand, and never lets it fail at run time
 * (issue #18).
 *
 * <pre>{@code
 * TargetAdapter local = LocalProcessTarget.builder()
 *         .command(List.of("releases/current/bin/tensor-wasm", "serve", "--port", "8080"))
 *         .releases(Path.of("releases"))
 *         .pidFile(Path.of("data/runtime.pid"))
 *         .healthUrl(URI.create("http://127.0.0.1:8080/healthz"))
 *         .build();
 * CommandResult result = local.perform(Action.Operation.UPGRADE, "v0.2.0");
 * }</pre>
 */
public interface TargetAdapter {

    /**
     * Performs an operation and returns its exit code and output.
     *
     * @param argument the operation's argument ({@code upgrade}'s version), or empty
     */
    CommandResult perform(Action.Operation operation, String argument);

    /** Performs an operation that takes no argument. */
    default CommandResult perform(Action.Operation operation) {
        return perform(operation, "");
    }

    /**
     * Why this environment cannot do the operation, so a person must do it by hand; empty when
     * {@link #perform} does it.
     */
    default Optional<String> manual(Action.Operation operation) {
        return Optional.empty();
    }

    /** What it acts on, for plans and messages. */
    String describe();
}

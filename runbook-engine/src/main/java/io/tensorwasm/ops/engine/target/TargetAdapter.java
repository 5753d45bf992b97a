package io.tensorwasm.ops.engine.target;

import io.tensorwasm.ops.engine.model.Action;

/**
 * Maps {@code target start|stop|restart|status|logs} onto an environment, so the same runbook runs
 * on a laptop (a local process), a host (systemd) and a cluster (Kubernetes).
 *
 * <pre>{@code
 * TargetAdapter local = LocalProcessTarget.builder()
 *         .command(List.of("bin/tensor-wasm", "serve", "--port", "8080"))
 *         .pidFile(Path.of("data/runtime.pid"))
 *         .healthUrl(URI.create("http://127.0.0.1:8080/healthz"))
 *         .build();
 * CommandResult result = local.perform(Action.Operation.RESTART);
 * }</pre>
 */
public interface TargetAdapter {

    /** Performs an operation and returns its exit code and output. */
    CommandResult perform(Action.Operation operation);

    /** What it acts on, for plans and messages. */
    String describe();
}

package io.tensorwasm.ops.engine.target;

import io.tensorwasm.ops.engine.model.Action;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Kubernetes deployment driven by {@code kubectl}: restart is a rollout restart followed by a
 * rollout status wait; stop and start scale to zero and back.
 */
public final class KubernetesTarget implements TargetAdapter {

    private final String namespace;
    private final String deployment;
    private final String context;
    private final int replicas;

    /** The deployment in a namespace; {@code context} may be empty for kubectl's current one. */
    public KubernetesTarget(String namespace, String deployment, String context, int replicas) {
        if (!namespace.matches("[a-z0-9][a-z0-9-]*")
                || !deployment.matches("[a-z0-9][a-z0-9.-]*")) {
            throw new IllegalArgumentException(
                    namespace + "/" + deployment + ": not a Kubernetes namespace and name");
        }
        if (replicas < 1) {
            throw new IllegalArgumentException(replicas + ": start scales to at least 1 replica");
        }
        this.namespace = namespace;
        this.deployment = deployment;
        this.context = context == null ? "" : context;
        this.replicas = replicas;
    }

    /** The commands an operation runs, in order; the first failure stops the rest. */
    public List<List<String>> commands(Action.Operation operation) {
        String target = "deployment/" + deployment;
        return switch (operation) {
            case START ->
                    List.of(
                            kubectl("scale", target, "--replicas=" + replicas),
                            kubectl("rollout", "status", target, "--timeout=120s"));
            case STOP -> List.of(kubectl("scale", target, "--replicas=0"));
            case RESTART ->
                    List.of(
                            kubectl("rollout", "restart", target),
                            kubectl("rollout", "status", target, "--timeout=120s"));
            case STATUS -> List.of(kubectl("rollout", "status", target, "--timeout=5s"));
            case LOGS -> List.of(kubectl("logs", target, "--tail=50"));
        };
    }

    private List<String> kubectl(String... args) {
        List<String> command = new ArrayList<>(List.of("kubectl"));
        if (!context.isEmpty()) {
            command.add("--context=" + context);
        }
        command.addAll(List.of("-n", namespace));
        command.addAll(List.of(args));
        return command;
    }

    @Override
    public CommandResult perform(Action.Operation operation) {
        StringBuilder output = new StringBuilder();
        for (List<String> command : commands(operation)) {
            CommandResult result = Commands.run(command, null, kubeconfig(), Duration.ofMinutes(3));
            output.append(result.output()).append('\n');
            if (!result.ok()) {
                return new CommandResult(result.exitCode(), output.toString().strip());
            }
        }
        return new CommandResult(0, output.toString().strip());
    }

    /** kubectl's configuration, the one variable of this process it needs beyond HOME. */
    private static Map<String, String> kubeconfig() {
        String file = System.getenv("KUBECONFIG");
        return file == null ? Map.of() : Map.of("KUBECONFIG", file);
    }

    @Override
    public String describe() {
        return "Kubernetes deployment " + namespace + "/" + deployment;
    }
}

package io.tensorwasm.ops.engine.target;

import io.tensorwasm.ops.engine.model.Action;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Kubernetes deployment driven by {@code kubectl}, and by {@code helm} when it was installed from
 * the chart of {@code deploy/helm/tensor-wasm}: restart is a rollout restart followed by a rollout
 * status wait; stop and start scale to zero and back; upgrade and rollback are {@code helm upgrade
 * --set image.tag=} and {@code helm rollback}, or without Helm {@code kubectl set image} and {@code
 * rollout undo}; the audit commands run in the pod with {@code kubectl exec}.
 */
public final class KubernetesTarget implements TargetAdapter {

    /** The container of the deployment, as {@code deploy/} names it. */
    public static final String CONTAINER = "tensor-wasm";

    /** The image without its tag, as {@code deploy/} names it. */
    public static final String IMAGE = "ghcr.io/craton-co/tensor-wasm";

    private final String namespace;
    private final String deployment;
    private final String context;
    private final int replicas;
    private final String release;
    private final String chart;
    private final Path savedValues;

    /** The deployment in a namespace; {@code context} may be empty for kubectl's current one. */
    public KubernetesTarget(String namespace, String deployment, String context, int replicas) {
        this(namespace, deployment, context, replicas, "", "", null);
    }

    private KubernetesTarget(
            String namespace,
            String deployment,
            String context,
            int replicas,
            String release,
            String chart,
            Path savedValues) {
        if (!namespace.matches("[a-z0-9][a-z0-9-]*")
                || !deployment.matches("[a-z0-9][a-z0-9.-]*")) {
            throw new IllegalArgumentException(
                    namespace + "/" + deployment + ": not a Kubernetes namespace and name");
        }
        if (replicas < 1) {
            throw new IllegalArgumentException(replicas + ": start scales to at least 1 replica");
        }
        if (!release.isEmpty() && !release.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException(release + ": not a Helm release name");
        }
        this.namespace = namespace;
        this.deployment = deployment;
        this.context = context == null ? "" : context;
        this.replicas = replicas;
        this.release = release;
        this.chart = chart;
        this.savedValues = savedValues;
    }

    /**
     * The same deployment as a Helm release of a chart ({@code ./deploy/helm/tensor-wasm}), whose
     * values config save keeps in a file.
     */
    public KubernetesTarget withHelm(String release, String chart, Path savedValues) {
        return new KubernetesTarget(
                namespace, deployment, context, replicas, release, chart, savedValues);
    }

    /** The commands an operation runs, in order; the first failure stops the rest. */
    public List<List<String>> commands(Action.Operation operation, String argument) {
        String target = "deployment/" + deployment;
        List<String> status = kubectl("rollout", "status", target, "--timeout=300s");
        return switch (operation) {
            case START -> List.of(kubectl("scale", target, "--replicas=" + replicas), status);
            case STOP -> List.of(kubectl("scale", target, "--replicas=0"));
            case RESTART -> List.of(kubectl("rollout", "restart", target), status);
            case STATUS -> List.of(kubectl("rollout", "status", target, "--timeout=5s"));
            case LOGS -> List.of(kubectl("logs", target, "--tail=50"));
            case VERSION -> List.of(kubectl("exec", target, "--", "tensor-wasm", "--version"));
            case UPGRADE ->
                    helm()
                            ? List.of(
                                    helmCommand(
                                            "upgrade",
                                            release,
                                            chart,
                                            "--reuse-values",
                                            "--set",
                                            "image.tag=" + argument,
                                            "--wait",
                                            "--timeout",
                                            "5m"),
                                    status)
                            : List.of(
                                    kubectl(
                                            "set",
                                            "image",
                                            target,
                                            CONTAINER + "=" + IMAGE + ":" + argument),
                                    status);
            case ROLLBACK ->
                    helm()
                            ? List.of(
                                    helmCommand("rollback", release, "--wait", "--timeout", "5m"),
                                    status)
                            : List.of(kubectl("rollout", "undo", target), status);
            case CONFIG_SAVE -> List.of(helmCommand("get", "values", release, "-o", "yaml"));
            case CONFIG_RESTORE ->
                    List.of(
                            helmCommand(
                                    "upgrade",
                                    release,
                                    chart,
                                    "-f",
                                    String.valueOf(savedValues),
                                    "--wait",
                                    "--timeout",
                                    "5m"),
                            status);
            case AUDIT_ARCHIVE ->
                    List.of(kubectl("exec", target, "--", "tensor-wasm", "audit", "archive"));
            case AUDIT_VERIFY ->
                    List.of(kubectl("exec", target, "--", "tensor-wasm", "audit", "verify"));
            case THREADS -> List.of(kubectl("exec", target, "--", "sh", "-c", "kill -QUIT 1"));
            case DRAIN, READY -> List.of();
        };
    }

    private boolean helm() {
        return !release.isEmpty();
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

    private List<String> helmCommand(String... args) {
        List<String> command = new ArrayList<>(List.of("helm"));
        if (!context.isEmpty()) {
            command.add("--kube-context=" + context);
        }
        command.addAll(List.of(args));
        command.addAll(List.of("-n", namespace));
        return command;
    }

    @Override
    public CommandResult perform(Action.Operation operation, String argument) {
        Optional<String> manual = manual(operation);
        if (manual.isPresent()) {
            return new CommandResult(1, operation.word() + " is manual here: " + manual.get());
        }
        CommandResult result =
                Commands.runAll(commands(operation, argument), kubeconfig(), Duration.ofMinutes(6));
        if (operation == Action.Operation.CONFIG_SAVE && result.ok()) {
            return saveValues(result);
        }
        return result;
    }

    private CommandResult saveValues(CommandResult got) {
        // runAll prefixes the command line; the values follow it.
        String values = got.output().replaceFirst("^\\$ [^\\n]*\\n?", "");
        try {
            Files.writeString(savedValues, values + "\n", StandardCharsets.UTF_8);
            DataFiles.ownerOnly(savedValues);
            return new CommandResult(
                    0, "saved the values of release " + release + " as " + savedValues);
        } catch (IOException e) {
            return new CommandResult(1, savedValues + ": cannot write: " + e.getMessage());
        }
    }

    @Override
    public Optional<String> manual(Action.Operation operation) {
        return switch (operation) {
            case CONFIG_SAVE, CONFIG_RESTORE ->
                    helm()
                            ? Optional.empty()
                            : Optional.of(
                                    "plain manifests keep their configuration in the repository"
                                            + " (deploy/k8s); commit it before, revert and kubectl"
                                            + " apply -f deploy/k8s/ after");
            case DRAIN, READY ->
                    Optional.of(
                            "the Service stops routing to a pod that is not Ready; a load"
                                    + " balancer in front of the cluster is the site's own");
            default -> Optional.empty();
        };
    }

    /** kubectl's configuration, the one variable of this process it needs beyond HOME. */
    private static Map<String, String> kubeconfig() {
        String file = System.getenv("KUBECONFIG");
        return file == null ? Map.of() : Map.of("KUBECONFIG", file);
    }

    @Override
    public String describe() {
        return (helm() ? "Helm release " + release + ", " : "")
                + "Kubernetes deployment "
                + namespace
                + "/"
                + deployment;
    }
}

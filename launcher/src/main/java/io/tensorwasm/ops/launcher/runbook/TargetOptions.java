package io.tensorwasm.ops.launcher.runbook;

import io.tensorwasm.ops.engine.exec.RunContext;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.target.KubernetesTarget;
import io.tensorwasm.ops.engine.target.LocalProcessTarget;
import io.tensorwasm.ops.engine.target.SystemdTarget;
import io.tensorwasm.ops.engine.target.TargetAdapter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * How a command that runs a runbook ({@code run}, {@code resume}) runs it: who approves, how often
 * checks poll, and how target actions reach the runtime (the local process, systemd or Kubernetes,
 * with each one's settings).
 */
final class TargetOptions {

    @Option(
            names = "--as",
            paramLabel = "NAME",
            description = "Who approves (default: ${DEFAULT-VALUE}).",
            defaultValue = "${env:USER:-operator}")
    String person;

    @Option(
            names = "--poll",
            paramLabel = "MILLIS",
            description = "Poll interval of within checks (default: ${DEFAULT-VALUE}).",
            defaultValue = "1000")
    long pollMillis;

    @Option(
            names = "--target",
            paramLabel = "KIND",
            description =
                    "How target actions reach the runtime: local, systemd or kubernetes (default: ${DEFAULT-VALUE}).",
            defaultValue = "local")
    String target;

    @Option(
            names = "--local-command",
            paramLabel = "CMD",
            split = " ",
            description =
                    "Local target: the command that starts the runtime (default: ${DEFAULT-VALUE}).",
            defaultValue = "bin/tensor-wasm serve")
    List<String> localCommand;

    @Option(
            names = "--pid-file",
            description = "Local target: its pid file (default: ${DEFAULT-VALUE}).",
            defaultValue = "data/runtime.pid")
    Path pidFile;

    @Option(
            names = "--unit",
            description = "systemd target: the unit (default: ${DEFAULT-VALUE}).",
            defaultValue = "tensor-wasm")
    String unit;

    @Option(
            names = "--namespace",
            description = "kubernetes target: the namespace (default: ${DEFAULT-VALUE}).",
            defaultValue = "tensor-wasm")
    String namespace;

    @Option(
            names = "--deployment",
            description = "kubernetes target: the deployment (default: ${DEFAULT-VALUE}).",
            defaultValue = "tensor-wasm")
    String deployment;

    TargetAdapter adapter(EngineOptions options) {
        return switch (target) {
            case "local" ->
                    LocalProcessTarget.builder()
                            .command(localCommand)
                            // bin/tensor-wasm needs Java; the runtime reads its TENSOR_WASM_*.
                            .inherit(
                                    name ->
                                            name.startsWith("TENSOR_WASM_")
                                                    || name.equals("JAVA_HOME")
                                                    || name.equals("TWOPS_JAVA_OPTS"))
                            .pidFile(pidFile)
                            .healthUrl(URI.create(options.runtime() + "/healthz"))
                            .build();
            case "systemd" -> new SystemdTarget(unit, false);
            case "kubernetes" -> new KubernetesTarget(namespace, deployment, "", 1);
            default ->
                    throw new IllegalArgumentException(
                            "--target " + target + ": use local, systemd or kubernetes");
        };
    }

    /** Puts the adapter under the runbook's default target and every target it names. */
    void install(Runbook runbook, RunContext.Builder builder, EngineOptions options) {
        TargetAdapter adapter = adapter(options);
        builder.target(runbook.metadata().defaultTarget(), adapter);
        runbook.metadata().targets().forEach(name -> builder.target(name, adapter));
    }
}

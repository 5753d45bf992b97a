package io.tensorwasm.ops.launcher.runbook;

import io.tensorwasm.ops.engine.exec.RunContext;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.target.ComposeTarget;
import io.tensorwasm.ops.engine.target.KubernetesTarget;
import io.tensorwasm.ops.engine.target.LocalProcessTarget;
import io.tensorwasm.ops.engine.target.SystemdTarget;
import io.tensorwasm.ops.engine.target.TargetAdapter;
import io.tensorwasm.ops.launcher.runtime.TensorWasmCommand;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
                    "How target actions reach the runtime: local, systemd, kubernetes, helm or"
                            + " compose (default: ${DEFAULT-VALUE}).",
            defaultValue = "local")
    String target;

    @Option(
            names = "--member",
            paramLabel = "NAME",
            description =
                    "Run against one member of the fleet (--fleet): {runtime}, health, target and"
                            + " lb steps reach that member alone; a resume continues on it.",
            defaultValue = "")
    String member;

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

    @Option(
            names = "--releases",
            paramLabel = "DIR",
            description =
                    "Local target: the folder of installed releases (VERSION/bin/tensor-wasm,"
                            + " links current and previous) that version, upgrade and rollback use.")
    Path releases;

    @Option(
            names = "--config-file",
            paramLabel = "FILE",
            description =
                    "Local target: its env file (KEY=VALUE lines), read at every start, which"
                            + " config save and config restore copy.")
    Path configFile;

    @Option(
            names = "--audit-log",
            paramLabel = "FILE",
            description =
                    "Local target: the runtime's audit log, for target audit archive and verify"
                            + " (default: ${DEFAULT-VALUE}, where twops start has it).",
            defaultValue = "data/runtime/audit.log")
    Path auditLog;

    @Option(
            names = "--release",
            description = "helm target: the release (default: ${DEFAULT-VALUE}).",
            defaultValue = "tensor-wasm")
    String release;

    @Option(
            names = "--chart",
            description = "helm target: the chart (default: ${DEFAULT-VALUE}).",
            defaultValue = "./deploy/helm/tensor-wasm")
    String chart;

    @Option(
            names = "--saved-values",
            paramLabel = "FILE",
            description =
                    "helm target: where config save keeps the release's values (default:"
                            + " ${DEFAULT-VALUE}).",
            defaultValue = "data/helm-values.saved.yaml")
    Path savedValues;

    @Option(
            names = "--compose-file",
            paramLabel = "FILE",
            description = "compose target: the compose file (default: ${DEFAULT-VALUE}).",
            defaultValue = "deploy/compose/docker-compose.yml")
    Path composeFile;

    TargetAdapter adapter(EngineOptions options) {
        return switch (target) {
            case "local" -> {
                LocalProcessTarget.Builder local =
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
                                .environment(
                                        Map.of(
                                                "TENSOR_WASM_API_AUDIT_LOG",
                                                "file:" + auditLog.toAbsolutePath()))
                                .tool(TensorWasmCommand.javaCommand());
                if (releases != null) {
                    local.releases(releases).tool(null);
                }
                if (configFile != null) {
                    local.configFile(configFile);
                }
                yield local.build();
            }
            case "systemd" -> new SystemdTarget(unit, false);
            case "kubernetes" -> new KubernetesTarget(namespace, deployment, "", 1);
            case "helm" ->
                    new KubernetesTarget(namespace, deployment, "", 1)
                            .withHelm(release, chart, savedValues);
            case "compose" -> new ComposeTarget(composeFile, "tensor-wasm");
            default ->
                    throw new IllegalArgumentException(
                            "--target "
                                    + target
                                    + ": use local, systemd, kubernetes, helm or compose");
        };
    }

    /**
     * The member {@code --member} names, checked against the fleet file; empty when none is named.
     */
    String member(EngineOptions options) {
        if (!member.isEmpty() && options.fleet().flatMap(f -> f.member(member)).isEmpty()) {
            throw new IllegalArgumentException(
                    "--member "
                            + member
                            + ": "
                            + options.fleet
                            + " names no such member"
                            + options.fleet()
                                    .map(
                                            f ->
                                                    "; its members are "
                                                            + f.members().stream()
                                                                    .map(m -> m.name())
                                                                    .toList())
                                    .orElse(" (there is no such file)"));
        }
        return member;
    }

    /** Puts the adapter under the runbook's default target and every target it names. */
    void install(Runbook runbook, RunContext.Builder builder, EngineOptions options) {
        TargetAdapter adapter = adapter(options);
        builder.target(runbook.metadata().defaultTarget(), adapter);
        runbook.metadata().targets().forEach(name -> builder.target(name, adapter));
    }
}

package io.tensorwasm.ops.launcher.runbook;

import io.tensorwasm.ops.engine.exec.ExecutionReport;
import io.tensorwasm.ops.engine.exec.Executor;
import io.tensorwasm.ops.engine.exec.RunContext;
import io.tensorwasm.ops.engine.exec.RunRequest;
import io.tensorwasm.ops.engine.model.Mode;
import io.tensorwasm.ops.engine.model.RunStatus;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.model.Trigger;
import io.tensorwasm.ops.engine.store.ExecutionStore;
import io.tensorwasm.ops.engine.store.JdbcExecutionStore;
import io.tensorwasm.ops.engine.target.ComposeTarget;
import io.tensorwasm.ops.engine.target.KubernetesTarget;
import io.tensorwasm.ops.engine.target.LocalProcessTarget;
import io.tensorwasm.ops.engine.target.SystemdTarget;
import io.tensorwasm.ops.engine.target.TargetAdapter;
import io.tensorwasm.ops.launcher.runtime.TensorWasmCommand;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code twops runbook run ID}: interactive by default, {@code --auto} as an alert would, {@code
 * --dry-run} to plan.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description =
                "Run a runbook: you approve each step; --auto runs it as an alert would; --dry-run plans.")
final class RunCommand implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand RunbookCommand parent;

    @Mixin EngineOptions options;

    @Parameters(paramLabel = "ID", description = "The runbook id.")
    String id;

    @Option(
            names = "--auto",
            description =
                    "Run automatically under the guardrails (only automation: auto runbooks).")
    boolean auto;

    @Option(names = "--dry-run", description = "Plan only; nothing runs and nothing is recorded.")
    boolean dryRun;

    @Option(
            names = "--target",
            paramLabel = "KIND",
            description =
                    "How target actions reach the runtime: local, systemd, kubernetes, helm or"
                            + " compose (default: ${DEFAULT-VALUE}).",
            defaultValue = "local")
    String target;

    @Option(
            names = "--from",
            paramLabel = "STEP",
            description = "Start at this step (resume a paused run).",
            defaultValue = "1")
    int from;

    @Option(
            names = "--as",
            paramLabel = "NAME",
            description = "Who approves (default: ${DEFAULT-VALUE}).",
            defaultValue = "${env:USER:-operator}")
    String person;

    @Option(
            names = "--alert",
            paramLabel = "FINGERPRINT",
            description = "The alert fingerprint that triggers an --auto run.",
            defaultValue = "manual")
    String alert;

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

    @Option(
            names = "--poll",
            paramLabel = "MILLIS",
            description = "Poll interval of within checks (default: ${DEFAULT-VALUE}).",
            defaultValue = "1000")
    long pollMillis;

    @Override
    public Integer call() {
        try {
            Runbook runbook = Runbooks.find(options, id);
            if (dryRun) {
                // A dry run records nothing, so it needs no real store and takes no file lock.
                try (ExecutionStore memory =
                        JdbcExecutionStore.open("jdbc:h2:mem:dry-run", "", "")) {
                    Executor executor =
                            new Executor(Runbooks.context(options, memory, spec, null).build());
                    spec.commandLine().getOut().print(executor.plan(runbook, false).render());
                    spec.commandLine().getOut().flush();
                    return 0;
                }
            }
            try (ExecutionStore store = options.store()) {
                ExecutionReport report =
                        new Executor(context(runbook, store)).run(runbook, request());
                spec.commandLine().getOut().print(report.render());
                spec.commandLine().getOut().flush();
                return report.status() == RunStatus.SUCCEEDED ? 0 : 1;
            }
        } catch (RuntimeException e) {
            return RunbookCommand.fail(spec, e);
        }
    }

    private RunContext context(Runbook runbook, ExecutionStore store) {
        BufferedReader in =
                new BufferedReader(new InputStreamReader(parent.in(), StandardCharsets.UTF_8));
        RunContext.Builder builder =
                Runbooks.context(
                                options,
                                store,
                                spec,
                                new TerminalApprovals(in, spec.commandLine().getOut(), person))
                        .listener(new TerminalListener(spec.commandLine().getOut()))
                        .pollInterval(java.time.Duration.ofMillis(pollMillis));
        TargetAdapter adapter = adapter();
        builder.target(runbook.metadata().defaultTarget(), adapter);
        runbook.metadata().targets().forEach(name -> builder.target(name, adapter));
        return builder.build();
    }

    private TargetAdapter adapter() {
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

    private RunRequest request() {
        Trigger trigger = auto ? Trigger.alert(alert) : Trigger.person(person);
        return new RunRequest(auto ? Mode.AUTOMATIC : Mode.INTERACTIVE, trigger, "", from);
    }
}

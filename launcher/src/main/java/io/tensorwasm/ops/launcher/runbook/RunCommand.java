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
import io.tensorwasm.ops.engine.target.KubernetesTarget;
import io.tensorwasm.ops.engine.target.LocalProcessTarget;
import io.tensorwasm.ops.engine.target.SystemdTarget;
import io.tensorwasm.ops.engine.target.TargetAdapter;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
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
                    "How target actions reach the runtime: local, systemd or kubernetes (default: ${DEFAULT-VALUE}).",
            defaultValue = "local")
    String target;

    @Option(
            names = "--member",
            paramLabel = "NAME",
            description =
                    "Run against one member of the fleet (--fleet): {runtime}, health, target and"
                            + " lb steps reach that member alone.",
            defaultValue = "")
    String member;

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

    private RunRequest request() {
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
        Trigger trigger = auto ? Trigger.alert(alert) : Trigger.person(person);
        return new RunRequest(auto ? Mode.AUTOMATIC : Mode.INTERACTIVE, trigger, member, from);
    }
}

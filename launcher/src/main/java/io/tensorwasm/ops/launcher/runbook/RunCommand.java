package io.tensorwasm.ops.launcher.runbook;

import io.tensorwasm.ops.engine.exec.Executor;
import io.tensorwasm.ops.engine.exec.RunRequest;
import io.tensorwasm.ops.engine.model.Mode;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.model.Trigger;
import io.tensorwasm.ops.engine.store.ExecutionStore;
import io.tensorwasm.ops.engine.store.JdbcExecutionStore;
import java.util.LinkedHashMap;
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
            names = "--from",
            paramLabel = "STEP",
            description = "Start at this step (resume a paused run).",
            defaultValue = "1")
    int from;

    @Option(
            names = "--alert",
            paramLabel = "FINGERPRINT",
            description = "The alert fingerprint that triggers an --auto run.",
            defaultValue = "manual")
    String alert;

    @Mixin TargetOptions targets;

    @Option(
            names = "--param",
            paramLabel = "NAME=VALUE",
            description =
                    "A value of one of the runbook's typed parameters; each is checked against its"
                            + " rule before step 1.")
    Map<String, String> params = new LinkedHashMap<>();

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
                    spec.commandLine()
                            .getOut()
                            .print(executor.plan(runbook, false, params).render());
                    spec.commandLine().getOut().flush();
                    return 0;
                }
            }
            try (ExecutionStore store = options.store()) {
                return Runbooks.runInTerminal(
                        options, targets, store, spec, parent.in(), runbook, request());
            }
        } catch (RuntimeException e) {
            return RunbookCommand.fail(spec, e);
        }
    }

    private RunRequest request() {
        Trigger trigger = auto ? Trigger.alert(alert) : Trigger.person(targets.person);
        return new RunRequest(
                        auto ? Mode.AUTOMATIC : Mode.INTERACTIVE,
                        trigger,
                        targets.member(options),
                        from)
                .withParams(params);
    }
}

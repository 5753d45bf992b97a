package io.tensorwasm.ops.launcher.runbook;

import io.tensorwasm.ops.engine.exec.Executor;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.store.ExecutionStore;
import io.tensorwasm.ops.engine.store.JdbcExecutionStore;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code twops runbook plan ID [--probe]}: the dry run. */
@Command(
        name = "plan",
        mixinStandardHelpOptions = true,
        description = "Show the plan of a runbook without running it; --probe reads live values.")
final class PlanCommand implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin EngineOptions options;

    @Parameters(paramLabel = "ID", description = "The runbook id.")
    String id;

    @Option(
            names = "--probe",
            description =
                    "Run the read-only steps (GETs, PromQL, metric reads) once and show their values.")
    boolean probe;

    @Override
    public Integer call() {
        try {
            Runbook runbook = Runbooks.find(options, id);
            // A dry run records nothing, so it needs no real store and takes no file lock.
            try (ExecutionStore store = JdbcExecutionStore.open("jdbc:h2:mem:plan", "", "")) {
                Executor executor =
                        new Executor(Runbooks.context(options, store, spec, null).build());
                spec.commandLine().getOut().print(executor.plan(runbook, probe).render());
                spec.commandLine().getOut().flush();
            }
            return 0;
        } catch (RuntimeException e) {
            return RunbookCommand.fail(spec, e);
        }
    }
}

package io.tensorwasm.ops.launcher.runbook;

import io.tensorwasm.ops.engine.model.Durations;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.parse.LintReport;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code twops runbook list}: the catalogue, one line per runbook. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = "List the runbooks of the catalogue.")
final class ListCommand implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin EngineOptions options;

    @Override
    public Integer call() {
        LintReport catalog;
        try {
            catalog = options.catalog();
        } catch (RuntimeException e) {
            return RunbookCommand.fail(spec, e);
        }
        for (Runbook r : catalog.runbooks()) {
            spec.commandLine()
                    .getOut()
                    .printf(
                            "%-28s %-9s %-8s %2d steps %6s  %s%n",
                            r.id(),
                            r.metadata().kind().word(),
                            r.metadata().automation().word(),
                            r.steps().size(),
                            Durations.format(r.estimatedTotal()),
                            r.title());
        }
        catalog.problems().forEach(p -> spec.commandLine().getErr().println(p));
        return catalog.ok() ? 0 : 1;
    }
}

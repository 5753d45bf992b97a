package io.tensorwasm.ops.launcher.runbook;

import io.tensorwasm.ops.engine.model.StepResult;
import io.tensorwasm.ops.engine.store.ExecutionRecord;
import io.tensorwasm.ops.engine.store.ExecutionStore;
import io.tensorwasm.ops.engine.store.ExecutionSummary;
import io.tensorwasm.ops.engine.store.JdbcExecutionStore;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code twops runbook history [EXECUTION]}: recent executions, or one with its steps. */
@Command(
        name = "history",
        mixinStandardHelpOptions = true,
        description = "List recent executions, or show one with its steps.")
final class HistoryCommand implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin EngineOptions options;

    @Parameters(
            arity = "0..1",
            paramLabel = "EXECUTION",
            description = "An execution id to show in full.")
    Long execution;

    @Option(
            names = "--limit",
            description = "How many executions (default: ${DEFAULT-VALUE}).",
            defaultValue = "20")
    int limit;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Optional<JdbcExecutionStore> reader = options.storeForReading();
        if (reader.isEmpty()) {
            if (execution != null) {
                throw new IllegalArgumentException("no execution " + execution);
            }
            return 0;
        }
        try (ExecutionStore store = reader.get()) {
            if (execution == null) {
                store.recent(limit).forEach(s -> out.println(line(s)));
                return 0;
            }
            ExecutionRecord record =
                    store.find(execution)
                            .orElseThrow(
                                    () ->
                                            new IllegalArgumentException(
                                                    "no execution " + execution));
            out.println(line(record.summary()));
            for (StepResult step : record.steps()) {
                out.printf(
                        "  %2d %-8s %s%s%s%n",
                        step.step(),
                        step.status().word(),
                        step.action(),
                        step.check().expected().isEmpty()
                                ? ""
                                : "  ["
                                        + step.check().outcome().word()
                                        + ": "
                                        + step.check().expected()
                                        + "; observed "
                                        + step.check().observed()
                                        + "]",
                        step.approver().isEmpty() ? "" : "  by " + step.approver());
            }
            return 0;
        } catch (RuntimeException e) {
            return RunbookCommand.fail(spec, e);
        }
    }

    private static String line(ExecutionSummary s) {
        return String.format(
                "%5d  %-11s %-10s %-24s %-12s %s  %s%s",
                s.id(),
                s.status().word(),
                s.mode().word(),
                s.runbookId(),
                s.trigger(),
                s.started(),
                s.summary(),
                s.pastSla() ? " [past SLA]" : "");
    }
}

package io.tensorwasm.ops.launcher.runbook;

import io.tensorwasm.ops.engine.exec.Resumption;
import io.tensorwasm.ops.engine.exec.RunRequest;
import io.tensorwasm.ops.engine.store.ExecutionStore;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code twops runbook resume EXECUTION [--from-step N] --reason TEXT}: continues an execution that
 * failed, escalated, was aborted, paused or interrupted (issue #19). The continuation runs the text
 * its parent ran, with its parameters, vars and target, and the results of the steps before it; you
 * approve each step, as in {@code twops runbook run}.
 */
@Command(
        name = "resume",
        mixinStandardHelpOptions = true,
        description =
                "Continue a stopped execution from the step that stopped it, or re-run it from"
                        + " step N; you approve each step.")
final class ResumeCommand implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand RunbookCommand parent;

    @Mixin EngineOptions options;

    @Mixin TargetOptions targets;

    @Parameters(paramLabel = "EXECUTION", description = "The execution to continue.")
    long execution;

    @Option(
            names = "--from-step",
            paramLabel = "N",
            description = "Re-run from this step (default: the step that stopped it).")
    Integer fromStep;

    @Option(
            names = "--reason",
            required = true,
            paramLabel = "TEXT",
            description = "Why you resume it; recorded with the continuation.")
    String reason;

    @Option(
            names = "--current-version",
            description =
                    "Run the runbook's page as it is now instead of the text the execution ran;"
                            + " the choice is recorded.")
    boolean currentVersion;

    @Override
    public Integer call() {
        try (ExecutionStore store = options.store()) {
            Resumption.Prepared next =
                    Resumption.prepare(
                            store,
                            new Resumption.Ask(
                                    execution,
                                    fromStep == null
                                            ? OptionalInt.empty()
                                            : OptionalInt.of(fromStep),
                                    targets.person,
                                    reason,
                                    currentVersion),
                            id -> options.catalog().runbook(id));
            spec.commandLine().getOut().println(next.describe());
            String member = targets.member(options);
            RunRequest request =
                    member.isEmpty() ? next.request() : next.request().onTarget(member);
            return Runbooks.runInTerminal(
                    options, targets, store, spec, parent.in(), next.runbook(), request);
        } catch (RuntimeException e) {
            return RunbookCommand.fail(spec, e);
        }
    }
}

package io.tensorwasm.ops.launcher.runbook;

import io.tensorwasm.ops.engine.check.Suggestions;
import io.tensorwasm.ops.engine.exec.Approvals;
import io.tensorwasm.ops.engine.exec.ExecutionReport;
import io.tensorwasm.ops.engine.exec.Executor;
import io.tensorwasm.ops.engine.exec.RecordingPager;
import io.tensorwasm.ops.engine.exec.RunContext;
import io.tensorwasm.ops.engine.exec.RunRequest;
import io.tensorwasm.ops.engine.model.RunStatus;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.model.RunbookFormatException;
import io.tensorwasm.ops.engine.parse.LintReport;
import io.tensorwasm.ops.engine.store.ExecutionStore;
import io.tensorwasm.ops.launcher.runtime.TensorWasmCommand;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Finds a runbook in the catalogue and builds the run context the commands share. */
final class Runbooks {

    private Runbooks() {}

    static Runbook find(EngineOptions options, String id) {
        LintReport catalog = options.catalog();
        Runbook runbook =
                catalog.runbook(id)
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "no runbook \""
                                                        + id
                                                        + "\" in "
                                                        + options.runbooks
                                                        + Suggestions.didYouMean(
                                                                id,
                                                                catalog.runbooks().stream()
                                                                        .map(Runbook::id)
                                                                        .toList())));
        catalog.problems().stream()
                .filter(p -> p.position().file().equals(runbook.position().file()))
                .findFirst()
                .ifPresent(
                        p -> {
                            throw new RunbookFormatException(p);
                        });
        return runbook;
    }

    /**
     * The context of a run from the terminal: the person at standard input, what it does printed as
     * it happens, the target adapter chosen.
     */
    static RunContext terminal(
            EngineOptions options,
            TargetOptions targets,
            ExecutionStore store,
            CommandLine.Model.CommandSpec spec,
            java.io.InputStream input,
            Runbook runbook) {
        java.io.BufferedReader in =
                new java.io.BufferedReader(
                        new java.io.InputStreamReader(input, StandardCharsets.UTF_8));
        RunContext.Builder builder =
                context(
                                options,
                                store,
                                spec,
                                new TerminalApprovals(
                                        in, spec.commandLine().getOut(), targets.person))
                        .listener(new TerminalListener(spec.commandLine().getOut()))
                        .pollInterval(java.time.Duration.ofMillis(targets.pollMillis));
        targets.install(runbook, builder, options);
        return builder.build();
    }

    /**
     * Runs the runbook from the terminal ({@link #terminal}), prints its report, and returns the
     * command's exit code: 0 when it succeeded, 1 otherwise.
     */
    static int runInTerminal(
            EngineOptions options,
            TargetOptions targets,
            ExecutionStore store,
            CommandLine.Model.CommandSpec spec,
            java.io.InputStream input,
            Runbook runbook,
            RunRequest request) {
        ExecutionReport report =
                new Executor(terminal(options, targets, store, spec, input, runbook))
                        .run(runbook, request);
        spec.commandLine().getOut().print(report.render());
        spec.commandLine().getOut().flush();
        return report.status() == RunStatus.SUCCEEDED ? 0 : 1;
    }

    static RunContext.Builder context(
            EngineOptions options,
            ExecutionStore store,
            CommandLine.Model.CommandSpec spec,
            Approvals approvals) {
        RunContext.Builder builder =
                RunContext.builder()
                        .store(store)
                        .metrics(options.metrics())
                        .pager(
                                new RecordingPager(
                                        new PrintStream(
                                                new WriterOutputStream(spec.commandLine().getOut()),
                                                true,
                                                StandardCharsets.UTF_8)))
                        .catalog(id -> options.catalog().runbook(id))
                        .runtimeToken(options.runtimeToken())
                        .allowlist(options.allowlist())
                        .cliTool("tensor-wasm", TensorWasmCommand.javaCommand());
        options.variables().forEach(builder::variable);
        options.fleet().ifPresent(builder::fleet);
        if (approvals != null) {
            builder.approvals(approvals);
        }
        return builder;
    }
}

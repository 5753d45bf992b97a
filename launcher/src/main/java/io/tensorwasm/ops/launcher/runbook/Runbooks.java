package io.tensorwasm.ops.launcher.runbook;

import io.tensorwasm.ops.engine.check.Suggestions;
import io.tensorwasm.ops.engine.exec.Approvals;
import io.tensorwasm.ops.engine.exec.RecordingPager;
import io.tensorwasm.ops.engine.exec.RunContext;
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
        if (approvals != null) {
            builder.approvals(approvals);
        }
        return builder;
    }
}

package io.tensorwasm.ops.launcher.runbook;

import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.parse.Catalog;
import io.tensorwasm.ops.engine.parse.LintReport;
import io.tensorwasm.ops.engine.parse.PageWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code twops runbook import FILE}: writes a Markdown page with front matter for each block of a
 * seed-style table file, and lints each page it wrote (issue #19).
 */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = "Write a runbook page for each block of a seed-style table file.")
final class ImportCommand implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "A seed-style file: P1-001: Title blocks.")
    Path file;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Where to write the pages (default: ${DEFAULT-VALUE}).",
            defaultValue = "runbooks/src/main/resources/runbooks")
    Path out;

    @Option(names = "--force", description = "Overwrite pages that exist.")
    boolean force;

    @Override
    public Integer call() {
        try {
            LintReport seed = Catalog.lint(file);
            if (!seed.ok()) {
                seed.problems().forEach(p -> spec.commandLine().getErr().println(p));
                return 1;
            }
            if (seed.runbooks().isEmpty()) {
                throw new IllegalArgumentException(file + ": no seed-style block to import");
            }
            Files.createDirectories(out);
            int problems = 0;
            for (Runbook runbook : seed.runbooks()) {
                Path page = out.resolve(runbook.id() + ".md");
                if (Files.exists(page) && !force) {
                    throw new IllegalArgumentException(
                            page + " exists; give --force to overwrite it");
                }
                String text = PageWriter.markdown(runbook);
                Files.writeString(page, text);
                LintReport lint = Catalog.lint(page, text);
                lint.problems().forEach(p -> spec.commandLine().getErr().println(p));
                problems += lint.problems().size();
                spec.commandLine()
                        .getOut()
                        .println(
                                "wrote "
                                        + page
                                        + (lint.ok() ? " (lints clean): " : ": ")
                                        + LintReport.summary(runbook));
            }
            return problems == 0 ? 0 : 1;
        } catch (IOException e) {
            return RunbookCommand.fail(spec, new UncheckedIOException(e));
        } catch (RuntimeException e) {
            return RunbookCommand.fail(spec, e);
        }
    }
}

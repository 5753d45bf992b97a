package io.tensorwasm.ops.launcher.runbook;

import io.tensorwasm.ops.engine.parse.AllowlistFile;
import io.tensorwasm.ops.engine.parse.Catalog;
import io.tensorwasm.ops.engine.parse.LintReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code twops runbook lint PATH...}: every problem as {@code file:line:col: message}; exit 1 when
 * any.
 */
@Command(
        name = "lint",
        mixinStandardHelpOptions = true,
        description = "Check runbook pages and seed-style files; exit 1 on any problem.")
final class LintCommand implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(
            names = "--allowlist",
            paramLabel = "FILE",
            description =
                    "Check shell programs and cli tools against this allowlist (default:"
                            + " TWOPS_ALLOWLIST, else the read-only defaults).",
            defaultValue = "${env:TWOPS_ALLOWLIST:-}")
    String allowlist;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Runbook files or folders.")
    List<Path> paths;

    @Override
    public Integer call() {
        LintReport report;
        try {
            report =
                    Catalog.lint(
                            allowlist == null || allowlist.isBlank()
                                    ? AllowlistFile.defaults()
                                    : AllowlistFile.load(Path.of(allowlist)),
                            paths.toArray(Path[]::new));
        } catch (RuntimeException e) {
            return RunbookCommand.fail(spec, e);
        }
        PrintWriter out = spec.commandLine().getOut();
        report.problems().forEach(p -> spec.commandLine().getErr().println(p));
        report.runbooks().stream()
                .filter(report::clean)
                .forEach(r -> out.println(LintReport.summary(r)));
        out.println(
                report.runbooks().size()
                        + " runbooks, "
                        + report.problems().size()
                        + (report.problems().size() == 1 ? " problem" : " problems"));
        return report.ok() ? 0 : 1;
    }
}

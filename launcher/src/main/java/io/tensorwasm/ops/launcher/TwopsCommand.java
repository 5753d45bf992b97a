package io.tensorwasm.ops.launcher;

import io.tensorwasm.ops.launcher.drill.DrillCommand;
import io.tensorwasm.ops.launcher.imports.ImportCommand;
import io.tensorwasm.ops.launcher.runbook.RunbookCommand;
import io.tensorwasm.ops.oncall.store.Database;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code twops}: the platform's own command.
 *
 * <pre>{@code
 * twops demo             # watch one incident go round the loop, about 2 minutes
 * twops start            # the runtime, Prometheus, Alertmanager and the console
 * twops runbook lint runbooks/
 * twops drill run dr-smoke
 * twops oncall who --at 2026-10-25T03:00:00Z
 * twops import grafana-oncall --url https://oncall.example --token-file F
 * twops --help
 * }</pre>
 */
@Command(
        name = "twops",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "TensorWasm Ops: executable runbooks and the on-call console.",
        subcommands = {
            StartCommand.class,
            DemoCommand.class,
            RunbookCommand.class,
            TokenCommand.class,
            DrillCommand.class,
            OnCallCommand.class,
            ImportCommand.class,
            SlackCommand.class,
            CommandLine.HelpCommand.class
        })
public final class TwopsCommand implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        Database.loopbackOnly();
        System.exit(new CommandLine(new TwopsCommand()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}

package io.tensorwasm.ops.launcher.runbook;

import java.io.InputStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code twops runbook}: the runbook engine on the terminal.
 *
 * <pre>{@code
 * twops runbook lint runbooks/              # exit 1 on any problem, each as file:line:col
 * twops runbook plan runtime-unhealthy --probe
 * twops runbook run runtime-unhealthy --target local --param instance=web-1
 * twops runbook resume 42 --reason "the disk is free again"
 * twops runbook import seed-004.txt --out runbooks/
 * twops runbook history
 * }</pre>
 */
@Command(
        name = "runbook",
        mixinStandardHelpOptions = true,
        description = "Lint, list, plan, run and review runbooks.",
        subcommands = {
            LintCommand.class,
            ListCommand.class,
            PlanCommand.class,
            RunCommand.class,
            ResumeCommand.class,
            ImportCommand.class,
            HistoryCommand.class,
            KillSwitchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class RunbookCommand implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    private final InputStream in;

    /** Reads answers to approvals from standard input. */
    public RunbookCommand() {
        this(System.in);
    }

    /** Reads answers to approvals from a stream (tests). */
    public RunbookCommand(InputStream in) {
        this.in = in;
    }

    InputStream in() {
        return in;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Turns a bad argument or an unreadable file into one line and exit code 2, never a stack
     * trace.
     */
    static int fail(CommandLine.Model.CommandSpec spec, RuntimeException e) {
        spec.commandLine().getErr().println("twops runbook: " + e.getMessage());
        return 2;
    }
}

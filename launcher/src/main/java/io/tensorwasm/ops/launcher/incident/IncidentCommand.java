package io.tensorwasm.ops.launcher.incident;

import io.tensorwasm.ops.engine.store.ExecutionStore;
import io.tensorwasm.ops.engine.store.JdbcExecutionStore;
import io.tensorwasm.ops.launcher.ConsoleDatabaseOptions;
import io.tensorwasm.ops.oncall.export.IncidentExport;
import io.tensorwasm.ops.oncall.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code twops incident export ID [--format md|json]}: an incident whole, for its postmortem, read
 * from the console's database; the JSON follows {@code docs/incident-export.schema.json} (issue
 * #19).
 */
@Command(
        name = "incident",
        mixinStandardHelpOptions = true,
        description = "Incidents from the console's database.",
        subcommands = {IncidentCommand.Export.class, CommandLine.HelpCommand.class})
public final class IncidentCommand implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code twops incident export ID}. */
    @Command(
            name = "export",
            mixinStandardHelpOptions = true,
            description =
                    "Print an incident whole for its postmortem: alerts, pages and"
                            + " acknowledgements, approvals, executions step by step, the kill"
                            + " switch, time to acknowledge and to resolve.")
    static final class Export implements Callable<Integer> {

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin ConsoleDatabaseOptions store = new ConsoleDatabaseOptions();

        @Parameters(paramLabel = "ID", description = "The incident's number.")
        long id;

        @Option(
                names = "--format",
                paramLabel = "FORMAT",
                description = "md or json (default: ${DEFAULT-VALUE}).",
                defaultValue = "md")
        String format;

        @Override
        public Integer call() {
            if (!format.equals("md") && !format.equals("json")) {
                spec.commandLine()
                        .getErr()
                        .println("twops incident export: --format " + format + ": use md or json");
                return 2;
            }
            try (Database database = store.open();
                    ExecutionStore executions =
                            JdbcExecutionStore.over(
                                    database.dataSource(), Duration.ofSeconds(30))) {
                IncidentExport export =
                        IncidentExport.over(database.dataSource(), executions, Clock.systemUTC());
                Optional<String> text =
                        format.equals("md")
                                ? export.markdown(id)
                                : export.json(id).map(Object::toString);
                if (text.isEmpty()) {
                    spec.commandLine().getErr().println("twops incident export: no incident " + id);
                    return 1;
                }
                spec.commandLine().getOut().println(text.get());
                spec.commandLine().getOut().flush();
                return 0;
            } catch (RuntimeException e) {
                spec.commandLine().getErr().println("twops incident export: " + e.getMessage());
                return 2;
            }
        }
    }
}

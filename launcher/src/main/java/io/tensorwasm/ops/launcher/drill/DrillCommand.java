package io.tensorwasm.ops.launcher.drill;

import io.tensorwasm.ops.drills.DrillCheck;
import io.tensorwasm.ops.drills.DrillRun;
import io.tensorwasm.ops.drills.DrillRunStore;
import io.tensorwasm.ops.drills.DrillScheduler;
import io.tensorwasm.ops.engine.model.Texts;
import io.tensorwasm.ops.launcher.ConsoleDatabaseOptions;
import io.tensorwasm.ops.oncall.store.Database;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.quartz.SchedulerException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code twops drill}: the readiness drills from the command line, over the console's database.
 * {@code run} queues a run-now request in the Quartz cluster's tables, exactly as the console's
 * button does; whichever console node is free runs it, and the command waits for its record.
 *
 * <pre>{@code
 * twops drill list
 * twops drill run dr-smoke            # exit 0 passed, 1 failed, 3 no node ran it in time
 * twops drill history --drill paging --limit 5
 * }</pre>
 */
@Command(
        name = "drill",
        mixinStandardHelpOptions = true,
        description = "List, run and review the readiness drills of the console nodes.",
        subcommands = {
            DrillCommand.Run.class,
            DrillCommand.ListDrills.class,
            DrillCommand.History.class
        })
public final class DrillCommand implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "run",
            mixinStandardHelpOptions = true,
            description = {
                "Queue a run of the drill in the cluster and wait for its result.",
                "Exit status: 0 passed, 1 failed or interrupted, 2 no such drill, 3 no console node"
                        + " ran it within --wait (the request stays queued)."
            })
    static final class Run implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "paging, dr-smoke or dr-rehearsal.")
        String name;

        @Option(
                names = "--wait",
                paramLabel = "DURATION",
                defaultValue = "15m",
                converter = DrillOptions.DurationConverter.class,
                description = "How long to wait for the run (default: ${DEFAULT-VALUE}).")
        Duration wait;

        @Option(names = "--no-wait", description = "Queue the request and return at once.")
        boolean noWait;

        @CommandLine.Mixin ConsoleDatabaseOptions store = new ConsoleDatabaseOptions();
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws SchedulerException, InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            try (Database database = store.open()) {
                String request;
                DrillScheduler cluster = client(database);
                try {
                    request = cluster.runNow(name);
                } catch (IllegalArgumentException e) {
                    spec.commandLine().getErr().println("drill run: " + e.getMessage());
                    return 2;
                } finally {
                    cluster.close();
                }
                out.println("queued run-now request " + request + " for " + name);
                out.flush();
                if (noWait) {
                    return 0;
                }
                Optional<DrillRun> run =
                        await(new DrillRunStore(database.dataSource()), "manual:" + request);
                if (run.isEmpty()) {
                    out.println(
                            "no console node ran it within "
                                    + wait.toMinutes()
                                    + " min; the request stays queued");
                    return 3;
                }
                print(out, run.get());
                return run.get().outcome().equals("passed") ? 0 : 1;
            }
        }

        private Optional<DrillRun> await(DrillRunStore runs, String fireKey)
                throws InterruptedException {
            Instant deadline = Instant.now().plus(wait);
            while (Instant.now().isBefore(deadline)) {
                Optional<DrillRun> run = runs.byFireKey(fireKey);
                if (run.isPresent() && run.get().finishedAt().isPresent()) {
                    return run;
                }
                Thread.sleep(250);
            }
            return Optional.empty();
        }

        private static void print(PrintWriter out, DrillRun run) {
            out.println(
                    run.drill()
                            + ": "
                            + run.outcome()
                            + " in "
                            + run.duration().map(DrillCommand::seconds).orElse("-")
                            + " on "
                            + run.node()
                            + " (run "
                            + run.id()
                            + ")");
            for (DrillCheck check : run.checks()) {
                out.println(
                        "  "
                                + (check.passed() ? "passed" : "FAILED")
                                + "  "
                                + check.name()
                                + ": "
                                + check.observed());
            }
            out.flush();
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "List the drills with their schedules and next runs.")
    static final class ListDrills implements Callable<Integer> {
        @CommandLine.Mixin ConsoleDatabaseOptions store = new ConsoleDatabaseOptions();
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws SchedulerException {
            PrintWriter out = spec.commandLine().getOut();
            try (Database database = store.open()) {
                DrillScheduler cluster = client(database);
                try {
                    if (cluster.drills().isEmpty()) {
                        out.println("no drills yet: start a console node (twops start) once");
                    }
                    for (String drill : cluster.drills()) {
                        out.printf(
                                "%-13s %-16s next %s%n",
                                drill,
                                cluster.cron(drill),
                                cluster.nextRun(drill).map(Texts::utc).orElse("-"));
                    }
                } finally {
                    cluster.close();
                }
                out.flush();
                return 0;
            }
        }
    }

    @Command(
            name = "history",
            mixinStandardHelpOptions = true,
            description = "Show recent drill runs of every node, newest first.")
    static final class History implements Callable<Integer> {
        @Option(names = "--drill", paramLabel = "NAME", description = "Only this drill's runs.")
        String drill;

        @Option(
                names = "--limit",
                paramLabel = "N",
                defaultValue = "20",
                description = "How many runs (default: ${DEFAULT-VALUE}).")
        int limit;

        @CommandLine.Mixin ConsoleDatabaseOptions store = new ConsoleDatabaseOptions();
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Database database = store.open()) {
                DrillRunStore runs = new DrillRunStore(database.dataSource());
                for (DrillRun run :
                        drill == null ? runs.recent(limit) : runs.recent(drill, limit)) {
                    out.printf(
                            "%-5d %s  %-12s %-11s %-8s %-8s %-14s %s%n",
                            run.id(),
                            Texts.utc(run.startedAt()),
                            run.drill(),
                            run.outcome(),
                            run.duration().map(DrillCommand::seconds).orElse("-"),
                            run.trigger(),
                            run.node(),
                            run.summary());
                }
                out.flush();
                return 0;
            }
        }
    }

    private static DrillScheduler client(Database database) throws SchedulerException {
        return DrillScheduler.client(
                "cli-" + ManagementFactory.getRuntimeMXBean().getPid(),
                database.postgres(),
                database.dataSource());
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}

package io.tensorwasm.ops.launcher.imports;

import io.tensorwasm.ops.launcher.ConsoleDatabaseOptions;
import io.tensorwasm.ops.oncall.schedule.EscalationPolicy;
import io.tensorwasm.ops.oncall.schedule.ImportSet;
import io.tensorwasm.ops.oncall.schedule.PolicyStore;
import io.tensorwasm.ops.oncall.schedule.Roster;
import io.tensorwasm.ops.oncall.schedule.ScheduleImport;
import io.tensorwasm.ops.oncall.schedule.ScheduleStore;
import io.tensorwasm.ops.oncall.store.Database;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code twops import}: people, schedules with their rotations and overrides, and escalation
 * policies from Grafana OnCall or Opsgenie, through their public HTTP APIs, into the console's
 * database (issue #20). Without {@code --apply} it prints the plan and writes nothing.
 *
 * <pre>{@code
 * twops import grafana-oncall --url https://oncall.example --token-file /etc/twops/grafana-oncall.token
 * twops import opsgenie --api-key-file /etc/twops/opsgenie.key --apply --default-policy "Payments escalation"
 * }</pre>
 */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = "Import schedules and escalation policies from another paging tool.",
        subcommands = {ImportCommand.GrafanaOnCallImport.class, ImportCommand.OpsgenieImport.class})
public final class ImportCommand implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** What both importers take besides their source. */
    static final class Target {
        @Option(names = "--apply", description = "Write the plan; without it nothing is written.")
        boolean apply;

        @Option(
                names = "--default-policy",
                paramLabel = "NAME",
                description =
                        "With --apply, also make the imported escalation policy NAME the one pages"
                                + " go to (the policy named default).")
        String defaultPolicy;

        @CommandLine.Mixin ConsoleDatabaseOptions store = new ConsoleDatabaseOptions();
    }

    @Command(
            name = "grafana-oncall",
            mixinStandardHelpOptions = true,
            description = "Import from Grafana OnCall's HTTP API (/api/v1).")
    static final class GrafanaOnCallImport implements Callable<Integer> {
        @Option(
                names = "--url",
                required = true,
                description = "The OnCall API URL, before /api/v1.")
        URI url;

        @Option(
                names = "--token-file",
                required = true,
                paramLabel = "FILE",
                description = "A file holding the OnCall API token.")
        Path tokenFile;

        @CommandLine.Mixin Target target = new Target();
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return run(
                    spec,
                    "grafana-oncall",
                    target,
                    tokenFile,
                    secret -> GrafanaOnCall.read(new ApiClient(url, secret)));
        }
    }

    @Command(
            name = "opsgenie",
            mixinStandardHelpOptions = true,
            description = "Import from Opsgenie's REST API (v2).")
    static final class OpsgenieImport implements Callable<Integer> {
        @Option(
                names = "--url",
                defaultValue = "https://api.opsgenie.com",
                description =
                        "The API URL (default: ${DEFAULT-VALUE}; EU accounts use https://api.eu.opsgenie.com).")
        URI url;

        @Option(
                names = "--api-key-file",
                required = true,
                paramLabel = "FILE",
                description = "A file holding an Opsgenie API key with read access.")
        Path apiKeyFile;

        @CommandLine.Mixin Target target = new Target();
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return run(
                    spec,
                    "opsgenie",
                    target,
                    apiKeyFile,
                    secret -> Opsgenie.read(new ApiClient(url, "GenieKey " + secret)));
        }
    }

    /** Reads the secret, reads the tool, prints the plan, applies it when asked. */
    static int run(
            CommandLine.Model.CommandSpec spec,
            String tool,
            Target target,
            Path secretFile,
            Function<String, ImportSet> read) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String secret;
        try {
            secret = Files.readString(secretFile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            err.println("import " + tool + ": " + secretFile + ": cannot read the secret file");
            return 2;
        }
        ImportSet set;
        try {
            set = read.apply(secret);
        } catch (IllegalStateException | UncheckedIOException | IllegalArgumentException e) {
            err.println("import " + tool + ": " + e.getMessage());
            return 1;
        }
        try (Database database = target.store.open()) {
            Clock clock = Clock.systemUTC();
            ScheduleImport.Stores stores =
                    new ScheduleImport.Stores(
                            new Roster(database.dataSource()),
                            new ScheduleStore(database.dataSource(), clock),
                            new PolicyStore(database.dataSource(), clock));
            ScheduleImport.Plan plan = ScheduleImport.plan(set, stores);
            plan.lines().forEach(line -> out.println(line.text()));
            if (!target.apply) {
                out.println(
                        "plan: "
                                + plan.changes()
                                + " changes; nothing written (add --apply to write them)");
                return 0;
            }
            int changes = plan.apply(stores) + defaultPolicy(target, stores.policies(), err);
            out.println("applied: " + changes + " changes");
            return target.defaultPolicy != null
                            && stores.policies().policy(target.defaultPolicy).isEmpty()
                    ? 1
                    : 0;
        }
    }

    /** Copies the named policy to the default one when asked and when it differs; counts it. */
    private static int defaultPolicy(Target target, PolicyStore policies, PrintWriter err) {
        if (target.defaultPolicy == null) {
            return 0;
        }
        Optional<EscalationPolicy> chosen = policies.policy(target.defaultPolicy);
        if (chosen.isEmpty()) {
            err.println(
                    target.defaultPolicy
                            + ": no escalation policy of this name to make the default");
            return 0;
        }
        EscalationPolicy copy =
                new EscalationPolicy(
                        EscalationPolicy.DEFAULT, chosen.get().tiers(), chosen.get().source());
        if (policies.policy(EscalationPolicy.DEFAULT).equals(Optional.of(copy))) {
            return 0;
        }
        policies.save(copy);
        return 1;
    }
}

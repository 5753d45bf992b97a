package io.tensorwasm.ops.launcher;

import io.tensorwasm.ops.engine.model.Durations;
import io.tensorwasm.ops.oncall.schedule.EscalationPolicy;
import io.tensorwasm.ops.oncall.schedule.PolicyStore;
import io.tensorwasm.ops.oncall.schedule.Schedule;
import io.tensorwasm.ops.oncall.schedule.ScheduleStore;
import io.tensorwasm.ops.oncall.store.Database;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code twops oncall}: the schedules in the console's database, from a shell (issue #20).
 *
 * <pre>{@code
 * twops oncall who                            # each tier of the default policy, now
 * twops oncall who --at 2026-10-25T03:00:00Z  # or at another time
 * twops oncall who --schedule "Platform primary"
 * }</pre>
 */
@Command(
        name = "oncall",
        mixinStandardHelpOptions = true,
        description = "Who is on call, from the schedules in the console's database.",
        subcommands = {OnCallCommand.Who.class})
final class OnCallCommand implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "who",
            mixinStandardHelpOptions = true,
            description =
                    "Print who holds each tier of the default escalation policy (or one schedule)"
                            + " now or at a given time; exits 1 when nobody is on call.")
    static final class Who implements Callable<Integer> {
        @Option(
                names = "--at",
                paramLabel = "INSTANT",
                description = "An instant like 2026-10-25T03:00:00Z (default: now).")
        String at;

        @Option(
                names = "--schedule",
                paramLabel = "NAME",
                description = "One schedule instead of the default policy.")
        String schedule;

        @CommandLine.Mixin ConsoleDatabaseOptions store = new ConsoleDatabaseOptions();
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Instant when;
            try {
                when = at == null ? Instant.now() : Instant.parse(at.strip());
            } catch (DateTimeParseException e) {
                spec.commandLine()
                        .getErr()
                        .println(
                                "oncall who: "
                                        + at
                                        + ": --at is an instant like 2026-10-25T03:00:00Z");
                return 2;
            }
            PrintWriter out = spec.commandLine().getOut();
            try (Database database = store.open()) {
                ScheduleStore schedules =
                        new ScheduleStore(database.dataSource(), Clock.systemUTC());
                Map<String, Schedule> all = schedules.schedules();
                if (schedule != null) {
                    Schedule s = all.get(schedule);
                    if (s == null) {
                        spec.commandLine()
                                .getErr()
                                .println(
                                        "oncall who: "
                                                + schedule
                                                + ": no such schedule; there are "
                                                + String.join(", ", all.keySet()));
                        return 2;
                    }
                    Optional<String> holder = s.holder(when);
                    out.println(schedule + " at " + when + ": " + holder.orElse("nobody"));
                    return holder.isPresent() ? 0 : 1;
                }
                Optional<EscalationPolicy> policy =
                        new PolicyStore(database.dataSource(), Clock.systemUTC())
                                .policy(EscalationPolicy.DEFAULT);
                if (policy.isEmpty() || policy.get().tiers().isEmpty()) {
                    out.println(
                            "no default escalation policy: start with --rotations FILE, or import one with twops import ... --default-policy NAME");
                    return 1;
                }
                out.println(
                        "on call at "
                                + when
                                + " (escalation policy "
                                + EscalationPolicy.DEFAULT
                                + "):");
                boolean anyone = false;
                for (EscalationPolicy.OnCall tier : policy.get().onCall(when, all)) {
                    anyone |= tier.person().isPresent();
                    out.printf(
                            "  %-10s %-8s %-30s ack within %s%n",
                            tier.tier(),
                            tier.person().orElse("nobody"),
                            tier.target(),
                            Durations.format(tier.ackTimeout()));
                }
                return anyone ? 0 : 1;
            }
        }
    }
}

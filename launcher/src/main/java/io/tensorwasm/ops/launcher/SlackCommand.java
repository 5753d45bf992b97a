package io.tensorwasm.ops.launcher;

import io.tensorwasm.ops.oncall.access.Principal;
import io.tensorwasm.ops.oncall.access.TokenStore;
import io.tensorwasm.ops.oncall.slack.SlackAudit;
import io.tensorwasm.ops.oncall.slack.SlackIdentities;
import io.tensorwasm.ops.oncall.store.Database;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code twops slack}: which console token each Slack user acts as when they click Acknowledge,
 * Approve or Reject, and the audit of those clicks (issue #20). Every change is audited too.
 *
 * <pre>{@code
 * twops slack map U2CERLKJA --token-id 3fQk9a2bX --by "Ada Admin"
 * twops slack list
 * twops slack audit
 * }</pre>
 */
@Command(
        name = "slack",
        mixinStandardHelpOptions = true,
        description = "Map Slack users to console tokens, and read the audit of their clicks.",
        subcommands = {
            SlackCommand.Map.class,
            SlackCommand.Unmap.class,
            SlackCommand.ListMappings.class,
            SlackCommand.Audit.class
        })
final class SlackCommand implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "map",
            mixinStandardHelpOptions = true,
            description =
                    "Let a Slack user act as a console token: its holder's name and role, while it"
                            + " stays active.")
    static final class Map implements Callable<Integer> {
        @Parameters(
                paramLabel = "SLACK_USER_ID",
                description = "The Slack user, U followed by letters and digits.")
        String user;

        @Option(
                names = "--token-id",
                required = true,
                description = "The console token id that twops token list shows.")
        String tokenId;

        @Option(
                names = "--by",
                required = true,
                description = "Who makes the mapping, for the audit.")
        String by;

        @CommandLine.Mixin ConsoleDatabaseOptions store = new ConsoleDatabaseOptions();
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Database database = store.open()) {
                Optional<Principal> holder =
                        new TokenStore(database.dataSource(), Clock.systemUTC())
                                .list().stream()
                                        .filter(p -> p.tokenId().equals(tokenId))
                                        .findFirst();
                if (holder.isEmpty()) {
                    spec.commandLine().getErr().println(tokenId + ": no active token has this id");
                    return 1;
                }
                try {
                    new SlackIdentities(database.dataSource(), Clock.systemUTC())
                            .map(user, tokenId, by);
                } catch (IllegalArgumentException e) {
                    spec.commandLine().getErr().println("slack map: " + e.getMessage());
                    return 2;
                }
                spec.commandLine()
                        .getOut()
                        .println(
                                "mapped "
                                        + user
                                        + " to "
                                        + holder.get().name()
                                        + " ("
                                        + holder.get().role().label()
                                        + ", token "
                                        + tokenId
                                        + ")");
                return 0;
            }
        }
    }

    @Command(
            name = "unmap",
            mixinStandardHelpOptions = true,
            description = "Stop a Slack user acting as anyone.")
    static final class Unmap implements Callable<Integer> {
        @Parameters(paramLabel = "SLACK_USER_ID", description = "The Slack user.")
        String user;

        @Option(
                names = "--by",
                required = true,
                description = "Who removes the mapping, for the audit.")
        String by;

        @CommandLine.Mixin ConsoleDatabaseOptions store = new ConsoleDatabaseOptions();
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Database database = store.open()) {
                if (!new SlackIdentities(database.dataSource(), Clock.systemUTC())
                        .unmap(user, by)) {
                    spec.commandLine().getErr().println(user + ": not mapped");
                    return 1;
                }
                spec.commandLine().getOut().println("unmapped " + user);
                return 0;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the mappings.")
    static final class ListMappings implements Callable<Integer> {
        @CommandLine.Mixin ConsoleDatabaseOptions store = new ConsoleDatabaseOptions();
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Database database = store.open()) {
                PrintWriter out = spec.commandLine().getOut();
                for (SlackIdentities.Mapping m :
                        new SlackIdentities(database.dataSource(), Clock.systemUTC()).list()) {
                    out.printf(
                            "%-14s token %-12s mapped by %s%n",
                            m.slackUserId(), m.tokenId(), m.createdBy());
                }
                return 0;
            }
        }
    }

    @Command(
            name = "audit",
            mixinStandardHelpOptions = true,
            description = "Print the newest clicks and mapping changes, accepted and refused.")
    static final class Audit implements Callable<Integer> {
        @Option(
                names = "--limit",
                defaultValue = "50",
                description = "How many (default: ${DEFAULT-VALUE}).")
        int limit;

        @CommandLine.Mixin ConsoleDatabaseOptions store = new ConsoleDatabaseOptions();
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Database database = store.open()) {
                PrintWriter out = spec.commandLine().getOut();
                for (SlackAudit.Row row :
                        new SlackAudit(database.dataSource(), Clock.systemUTC()).recent(limit)) {
                    SlackAudit.Entry e = row.entry();
                    out.printf(
                            "%s %-8s %-12s %-18s %s: %s%n",
                            row.at(),
                            e.accepted() ? "accepted" : "refused",
                            e.slackUserId(),
                            e.action(),
                            e.target(),
                            e.reason());
                }
                return 0;
            }
        }
    }
}

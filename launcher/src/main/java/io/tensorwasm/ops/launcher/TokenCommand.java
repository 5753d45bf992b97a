package io.tensorwasm.ops.launcher;

import io.tensorwasm.ops.oncall.access.IssuedToken;
import io.tensorwasm.ops.oncall.access.Principal;
import io.tensorwasm.ops.oncall.access.Role;
import io.tensorwasm.ops.oncall.access.TokenStore;
import io.tensorwasm.ops.oncall.store.Database;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code twops token}: console tokens, managed on the console host. A new token is printed once, on
 * standard output, and stored only as a hash.
 *
 * <pre>{@code
 * twops token issue "Ana Ortiz" --role operator
 * twops token list
 * twops token revoke 3fQk9a2bX
 * }</pre>
 */
@Command(
        name = "token",
        mixinStandardHelpOptions = true,
        description = "Issue, list and revoke console tokens.",
        subcommands = {
            TokenCommand.Issue.class,
            TokenCommand.ListTokens.class,
            TokenCommand.Revoke.class
        })
final class TokenCommand implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "issue",
            mixinStandardHelpOptions = true,
            description = "Issue a token; it is printed once and stored only as a hash.")
    static final class Issue implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "Who holds the token.")
        String name;

        @Option(
                names = "--role",
                required = true,
                description = "viewer, operator, approver or admin.")
        String role;

        @CommandLine.Mixin ConsoleDatabaseOptions store = new ConsoleDatabaseOptions();
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Role parsed;
            try {
                parsed = Role.parse(role);
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("token issue: " + e.getMessage());
                return 2;
            }
            try (Database database = store.open()) {
                IssuedToken issued =
                        new TokenStore(database.dataSource(), Clock.systemUTC())
                                .issue(name, parsed);
                PrintWriter out = spec.commandLine().getOut();
                out.println(issued.token());
                spec.commandLine()
                        .getErr()
                        .println(
                                "issued token "
                                        + issued.principal().tokenId()
                                        + " to "
                                        + issued.principal().name()
                                        + " as "
                                        + parsed.label()
                                        + "; it is not shown again");
                return 0;
            }
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "List active tokens: id, holder and role, never secrets.")
    static final class ListTokens implements Callable<Integer> {
        @CommandLine.Mixin ConsoleDatabaseOptions store = new ConsoleDatabaseOptions();
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Database database = store.open()) {
                PrintWriter out = spec.commandLine().getOut();
                for (Principal p :
                        new TokenStore(database.dataSource(), Clock.systemUTC()).list()) {
                    out.printf("%-14s %-9s %s%n", p.tokenId(), p.role().label(), p.name());
                }
                return 0;
            }
        }
    }

    @Command(
            name = "revoke",
            mixinStandardHelpOptions = true,
            description = "Revoke a token by id; its sessions end at their next request.")
    static final class Revoke implements Callable<Integer> {
        @Parameters(paramLabel = "ID", description = "The token id that `list` shows.")
        String id;

        @CommandLine.Mixin ConsoleDatabaseOptions store = new ConsoleDatabaseOptions();
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Database database = store.open()) {
                boolean revoked =
                        new TokenStore(database.dataSource(), Clock.systemUTC()).revoke(id);
                if (!revoked) {
                    spec.commandLine().getErr().println(id + ": no active token has this id");
                    return 1;
                }
                spec.commandLine().getOut().println("revoked " + id);
                return 0;
            }
        }
    }
}

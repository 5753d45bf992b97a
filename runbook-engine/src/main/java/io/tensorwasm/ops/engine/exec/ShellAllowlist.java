package io.tensorwasm.ops.engine.exec;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The programs {@code shell} steps may run: by default only programs that read (issue #16), and
 * {@code journalctl} without its options that change the journal. A run may allow others ({@link
 * RunContext.Builder#shellAllowlist}); a shell step always needs a person's approval.
 */
final class ShellAllowlist {

    /** The default: programs with no option that changes the host. */
    static final Set<String> READ_ONLY =
            Set.of(
                    "cat",
                    "df",
                    "du",
                    "free",
                    "grep",
                    "head",
                    "journalctl",
                    "ls",
                    "pgrep",
                    "ps",
                    "readlink",
                    "tail",
                    "uptime");

    // journalctl accepts any unambiguous abbreviation of a long option, so a prefix is refused too.
    private static final List<String> JOURNAL_CHANGES =
            List.of(
                    "--rotate",
                    "--vacuum-size",
                    "--vacuum-time",
                    "--vacuum-files",
                    "--flush",
                    "--sync",
                    "--relinquish-var",
                    "--smart-relinquish-var",
                    "--setup-keys",
                    "--update-catalog");

    private ShellAllowlist() {}

    /** Why the command may not run, or empty when it may. */
    static Optional<String> refusal(List<String> command, Set<String> allowed) {
        String program = command.get(0);
        if (!allowed.contains(program)) {
            return Optional.of(
                    "shell \""
                            + program
                            + "\" is not on the allowlist ("
                            + String.join(", ", allowed.stream().sorted().toList())
                            + ")");
        }
        if (program.equals("journalctl")) {
            for (String argument : command.subList(1, command.size())) {
                if (changesTheJournal(argument)) {
                    return Optional.of(
                            "\""
                                    + argument
                                    + "\": journalctl only reads in a shell step; its options"
                                    + " that change the journal are refused");
                }
            }
        }
        return Optional.empty();
    }

    private static boolean changesTheJournal(String argument) {
        int equals = argument.indexOf('=');
        String option = equals < 0 ? argument : argument.substring(0, equals);
        return option.startsWith("--")
                && option.length() > 2
                && JOURNAL_CHANGES.stream().anyMatch(o -> o.startsWith(option));
    }
}

package io.tensorwasm.ops.engine.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code shell} and {@code cli} steps may run: the programs a shell step may start and the
 * tools a cli step may call, from a deployment's allowlist file or the read-only defaults (issue
 * #18). A program is matched by its exact first word, so {@code cat} never admits {@code
 * /tmp/x/cat}. Two programs read and also write, so only their reading options pass: {@code
 * journalctl} is refused the options that change the journal, {@code nvidia-smi} every option but
 * its queries. A shell step still always needs a person's approval.
 *
 * @param shell the programs of shell steps
 * @param cli the tools of cli steps
 * @param source where it was read, for messages: a file, or {@code the defaults}
 */
public record Allowlist(Set<String> shell, Set<String> cli, String source) {

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

    // nvidia-smi changes clocks, power limits, modes and resets the device with other options.
    private static final List<String> GPU_QUERIES =
            List.of(
                    "-q",
                    "--query",
                    "-L",
                    "--list-gpus",
                    "-i",
                    "--id",
                    "-d",
                    "--display",
                    "--query-gpu",
                    "--query-compute-apps",
                    "--format",
                    "-x",
                    "--xml-format");

    public Allowlist {
        shell = Set.copyOf(new TreeSet<>(Objects.requireNonNull(shell, "shell")));
        cli = Set.copyOf(new TreeSet<>(Objects.requireNonNull(cli, "cli")));
        Objects.requireNonNull(source, "source");
        for (String name : shell) {
            requireName(name, "shell");
        }
        for (String name : cli) {
            requireName(name, "cli");
        }
    }

    private static void requireName(String name, String list) {
        if (name.isBlank() || name.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(
                    "\"" + name + "\": a " + list + " entry is one program name, with no spaces");
        }
    }

    /** Why a shell command may not run, or empty when it may. */
    public Optional<String> shellRefusal(List<String> command) {
        String program = command.get(0);
        if (!shell.contains(program)) {
            return Optional.of(
                    "shell \""
                            + program
                            + "\" is not on the allowlist ("
                            + source
                            + ": "
                            + String.join(", ", new TreeSet<>(shell))
                            + ")");
        }
        List<String> arguments = command.subList(1, command.size());
        if (program.equals("journalctl")) {
            for (String argument : arguments) {
                if (changesTheJournal(argument)) {
                    return Optional.of(
                            "\""
                                    + argument
                                    + "\": journalctl only reads in a shell step; its options"
                                    + " that change the journal are refused");
                }
            }
        }
        if (program.equals("nvidia-smi")) {
            for (String argument : arguments) {
                if (argument.startsWith("-") && !GPU_QUERIES.contains(option(argument))) {
                    return Optional.of(
                            "\""
                                    + argument
                                    + "\": nvidia-smi only reads in a shell step; its options are"
                                    + " limited to "
                                    + String.join(", ", GPU_QUERIES));
                }
            }
        }
        return Optional.empty();
    }

    /** Why a cli tool may not be called, or empty when it may. */
    public Optional<String> cliRefusal(String tool) {
        if (cli.contains(tool)) {
            return Optional.empty();
        }
        return Optional.of(
                "cli tool \""
                        + tool
                        + "\" is not on the allowlist ("
                        + source
                        + ": "
                        + String.join(", ", new TreeSet<>(cli))
                        + ")");
    }

    private static String option(String argument) {
        int equals = argument.indexOf('=');
        return equals < 0 ? argument : argument.substring(0, equals);
    }

    private static boolean changesTheJournal(String argument) {
        String option = option(argument);
        return option.startsWith("--")
                && option.length() > 2
                && JOURNAL_CHANGES.stream().anyMatch(o -> o.startsWith(option));
    }
}

package io.tensorwasm.ops.engine.target;

import io.tensorwasm.ops.engine.model.Action;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A systemd unit on this host, in the layout of {@code deploy/systemd} and the seed runbooks:
 * releases in {@code /usr/local/lib/tensor-wasm/VERSION/}, the symlink {@code
 * /usr/local/bin/tensor-wasm} to the running one's binary, {@code
 * /usr/local/lib/tensor-wasm/previous} to the release before it, and the configuration in {@code
 * /etc/tensor-wasm/env}. {@code systemctl} starts, stops and restarts; {@code journalctl} reads
 * logs; an upgrade and a rollback are the symlink swap between a stop and a start.
 */
public final class SystemdTarget implements TargetAdapter {

    /** Where releases are installed. */
    public static final String RELEASES = "/usr/local/lib/tensor-wasm";

    /** The symlink the unit's ExecStart runs. */
    public static final String LINK = "/usr/local/bin/tensor-wasm";

    /** The unit's EnvironmentFile. */
    public static final String ENV_FILE = "/etc/tensor-wasm/env";

    /** The audit log the unit's env file names. */
    public static final String AUDIT_LOG = "/var/lib/tensor-wasm/audit.log";

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final String unit;
    private final boolean sudo;

    /** The unit, with {@code sudo} in front of each command that changes the host when asked. */
    public SystemdTarget(String unit, boolean sudo) {
        if (!unit.matches("[A-Za-z0-9][A-Za-z0-9@._:-]*")) {
            throw new IllegalArgumentException(unit + ": not a systemd unit name");
        }
        this.unit = unit;
        this.sudo = sudo;
    }

    /** The command an operation of {@code systemctl} or {@code journalctl} runs. */
    public List<String> command(Action.Operation operation) {
        return switch (operation) {
            case START, STOP, RESTART -> root("systemctl", operation.word(), unit);
            case STATUS -> root("systemctl", "status", unit, "--no-pager");
            case LOGS -> root("journalctl", "-u", unit, "-n", "50", "--no-pager");
            case THREADS -> root("systemctl", "kill", "--signal=SIGQUIT", unit);
            case VERSION -> List.of(LINK, "--version");
            default -> throw new IllegalArgumentException(operation.word() + ": not one command");
        };
    }

    /**
     * The commands an operation runs, in order; the first failure stops the rest. An upgrade or a
     * rollback needs the running release's folder ({@code /usr/local/lib/tensor-wasm/v0.1.0}) and
     * the previous one's, which {@link #perform} reads from the links first.
     */
    public List<List<String>> commands(
            Action.Operation operation, String argument, String running, String previous) {
        return switch (operation) {
            case UPGRADE ->
                    List.of(
                            List.of(RELEASES + "/" + argument + "/bin/tensor-wasm", "--version"),
                            root("ln", "-sfn", running, RELEASES + "/previous"),
                            command(Action.Operation.STOP),
                            root(
                                    "ln",
                                    "-sfn",
                                    RELEASES + "/" + argument + "/bin/tensor-wasm",
                                    LINK),
                            command(Action.Operation.START));
            case ROLLBACK ->
                    List.of(
                            List.of(previous + "/bin/tensor-wasm", "--version"),
                            command(Action.Operation.STOP),
                            root("ln", "-sfn", previous + "/bin/tensor-wasm", LINK),
                            root("ln", "-sfn", running, RELEASES + "/previous"),
                            command(Action.Operation.START));
            case CONFIG_SAVE -> List.of(root("cp", "-a", ENV_FILE, ENV_FILE + ".saved"));
            case CONFIG_RESTORE -> List.of(root("cp", "-a", ENV_FILE + ".saved", ENV_FILE));
            case AUDIT_ARCHIVE, AUDIT_VERIFY ->
                    List.of(
                            service(
                                    LINK,
                                    "audit",
                                    operation == Action.Operation.AUDIT_ARCHIVE
                                            ? "archive"
                                            : "verify",
                                    "--audit-log",
                                    AUDIT_LOG));
            case DRAIN, READY -> List.of();
            default -> List.of(command(operation));
        };
    }

    @Override
    public CommandResult perform(Action.Operation operation, String argument) {
        Optional<String> manual = manual(operation);
        if (manual.isPresent()) {
            return new CommandResult(1, operation.word() + " is manual here: " + manual.get());
        }
        String running = "";
        String previous = "";
        if (operation == Action.Operation.UPGRADE || operation == Action.Operation.ROLLBACK) {
            CommandResult current =
                    Commands.run(List.of("readlink", "-f", LINK), null, Duration.ofSeconds(10));
            CommandResult before =
                    Commands.run(
                            List.of("readlink", "-f", RELEASES + "/previous"),
                            null,
                            Duration.ofSeconds(10));
            if (!current.ok() || current.output().isBlank()) {
                return new CommandResult(1, LINK + ": no running release: " + current.output());
            }
            // /usr/local/lib/tensor-wasm/v0.1.0/bin/tensor-wasm ->
            // /usr/local/lib/tensor-wasm/v0.1.0
            running = current.output().strip().replaceFirst("/bin/tensor-wasm$", "");
            previous = before.ok() ? before.output().strip() : "";
            if (operation == Action.Operation.ROLLBACK && previous.isEmpty()) {
                return new CommandResult(
                        1, RELEASES + "/previous: no previous release; an upgrade records it");
            }
        }
        return Commands.runAll(commands(operation, argument, running, previous), Map.of(), TIMEOUT);
    }

    @Override
    public Optional<String> manual(Action.Operation operation) {
        return switch (operation) {
            case DRAIN, READY ->
                    Optional.of(
                            "the load balancer in front of this host is the site's own; run its"
                                    + " drain or undrain procedure");
            default -> Optional.empty();
        };
    }

    private List<String> root(String... command) {
        List<String> line = new ArrayList<>();
        if (sudo) {
            line.add("sudo");
        }
        line.addAll(List.of(command));
        return line;
    }

    /** A command as the service's user, which owns the data directory. */
    private List<String> service(String... command) {
        List<String> line = new ArrayList<>();
        if (sudo) {
            line.addAll(List.of("sudo", "-u", "tensor-wasm"));
        }
        line.addAll(List.of(command));
        return line;
    }

    @Override
    public String describe() {
        return "systemd unit " + unit;
    }
}

package io.tensorwasm.ops.engine.target;

import io.tensorwasm.ops.engine.model.Action;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A systemd unit: {@code systemctl} for start, stop, restart and status; {@code journalctl} for
 * logs.
 */
public final class SystemdTarget implements TargetAdapter {

    private final String unit;
    private final boolean sudo;

    /** The unit, with {@code sudo} in front of each command when asked. */
    public SystemdTarget(String unit, boolean sudo) {
        if (!unit.matches("[A-Za-z0-9][A-Za-z0-9@._:-]*")) {
            throw new IllegalArgumentException(unit + ": not a systemd unit name");
        }
        this.unit = unit;
        this.sudo = sudo;
    }

    /** The command an operation runs. */
    public List<String> command(Action.Operation operation) {
        List<String> command = new ArrayList<>();
        if (sudo) {
            command.add("sudo");
        }
        switch (operation) {
            case START, STOP, RESTART ->
                    command.addAll(List.of("systemctl", operation.word(), unit));
            case STATUS -> command.addAll(List.of("systemctl", "status", unit, "--no-pager"));
            case LOGS ->
                    command.addAll(List.of("journalctl", "-u", unit, "-n", "50", "--no-pager"));
        }
        return command;
    }

    @Override
    public CommandResult perform(Action.Operation operation) {
        return Commands.run(command(operation), null, Duration.ofMinutes(2));
    }

    @Override
    public String describe() {
        return "systemd unit " + unit;
    }
}

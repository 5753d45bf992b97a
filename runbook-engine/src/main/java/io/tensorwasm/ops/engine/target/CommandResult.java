package io.tensorwasm.ops.engine.target;

import java.util.Objects;

/**
 * What a command or a target operation returned.
 *
 * @param exitCode the exit code; 0 is success
 * @param output what it printed, stdout and stderr together
 */
public record CommandResult(int exitCode, String output) {

    public CommandResult {
        Objects.requireNonNull(output, "output");
    }

    /** True when the exit code is 0. */
    public boolean ok() {
        return exitCode == 0;
    }
}

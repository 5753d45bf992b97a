package io.tensorwasm.ops.engine.model;

import java.util.Objects;

/**
 * One thing wrong with a runbook, printed as {@code file:line:col: message}.
 *
 * @param position where it is
 * @param message what is wrong, starting with the bad value
 */
public record Problem(Position position, String message) {

    public Problem {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return position + ": " + message;
    }
}

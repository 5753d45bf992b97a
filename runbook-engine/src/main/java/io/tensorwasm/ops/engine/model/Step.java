package io.tensorwasm.ops.engine.model;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of a steps table.
 *
 * @param number its number, from 1
 * @param action what it does
 * @param check what it expects, if anything
 * @param estimate how long it should take, or {@link Duration#ZERO} when none was given
 * @param onFailure what follows a failure
 * @param position where the row starts
 */
public record Step(
        int number,
        Action action,
        Optional<Check> check,
        Duration estimate,
        OnFailure onFailure,
        Position position) {

    public Step {
        if (number < 1) {
            throw new IllegalArgumentException(number + ": steps are numbered from 1");
        }
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(estimate, "estimate");
        Objects.requireNonNull(onFailure, "onFailure");
        Objects.requireNonNull(position, "position");
        if (estimate.isNegative()) {
            throw new IllegalArgumentException(estimate + ": an estimate cannot be negative");
        }
    }

    /** True when a person must act, approve or judge, so an automatic run pauses here. */
    public boolean needsPerson() {
        return action.needsPerson()
                || (action instanceof Action.Decide && check.isEmpty())
                || check.map(c -> !c.machineCheckable()).orElse(false);
    }
}

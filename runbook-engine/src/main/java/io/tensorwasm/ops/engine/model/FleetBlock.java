package io.tensorwasm.ops.engine.model;

import java.util.Objects;

/**
 * Steps that address a fleet: one steps table after a {@code Fleet:} line. Each member runs them in
 * order with {@code {member}}, {@code {member.url}} and {@code {member.server}} filled, batch by
 * batch as the strategy says.
 *
 * @param first the number of its first step
 * @param last the number of its last step
 * @param strategy canary, batch, max_fail and pause
 * @param position where its {@code Fleet:} line is
 */
public record FleetBlock(int first, int last, FleetStrategy strategy, Position position) {

    public FleetBlock {
        if (first < 1 || last < first) {
            throw new IllegalArgumentException(
                    first + "-" + last + ": a fleet block holds steps first to last, from 1");
        }
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(position, "position");
    }

    /** True when the step is one of its steps. */
    public boolean contains(int step) {
        return step >= first && step <= last;
    }

    /** "steps 9 to 14", or "step 9". */
    public String steps() {
        return first == last ? "step " + first : "steps " + first + " to " + last;
    }
}

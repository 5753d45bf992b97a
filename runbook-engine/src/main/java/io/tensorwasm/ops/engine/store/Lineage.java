package io.tensorwasm.ops.engine.store;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What an execution was given and how it is tied to others, as recorded (issue #19).
 *
 * @param params its parameter values
 * @param vars its vars' values
 * @param continuation the parent it continues, if it does (without the inherited values)
 * @param lastStep the step it started last, which is where a crash left it; empty for runs recorded
 *     before it was kept
 * @param continuations the executions that continue it, oldest first
 * @param textPinned true when the text it ran is stored
 */
public record Lineage(
        Map<String, String> params,
        Map<String, String> vars,
        Optional<Continuation> continuation,
        OptionalInt lastStep,
        List<Long> continuations,
        boolean textPinned) {

    public Lineage {
        params = Map.copyOf(params);
        vars = Map.copyOf(vars);
        Objects.requireNonNull(continuation, "continuation");
        Objects.requireNonNull(lastStep, "lastStep");
        continuations = List.copyOf(continuations);
    }
}

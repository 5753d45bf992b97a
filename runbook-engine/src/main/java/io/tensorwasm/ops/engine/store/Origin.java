package io.tensorwasm.ops.engine.store;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an execution comes from besides its runbook and trigger (issue #19): the text that runs,
 * pinned by its hash; the parameters and vars it was given; and, for a continuation, its parent.
 *
 * @param text the runbook's text, stored once per hash; empty when the runbook was built in code
 * @param params the parameter values, checked
 * @param vars the values of the runbook's front-matter vars in this run
 * @param continuation the parent it continues, if it does
 */
public record Origin(
        Optional<RunbookText> text,
        Map<String, String> params,
        Map<String, String> vars,
        Optional<Continuation> continuation) {

    /** Nothing pinned, no inputs, no parent. */
    public static final Origin NONE =
            new Origin(Optional.empty(), Map.of(), Map.of(), Optional.empty());

    public Origin {
        Objects.requireNonNull(text, "text");
        params = Map.copyOf(params);
        vars = Map.copyOf(vars);
        Objects.requireNonNull(continuation, "continuation");
    }
}

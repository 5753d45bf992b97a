package io.tensorwasm.ops.engine.exec;

import java.util.Map;

/**
 * What an action left for its check: variables such as {@code status} and {@code body}, its output
 * and whether it succeeded on its own terms.
 *
 * @param ok true when the action did what it was asked
 * @param variables the check variables it set
 * @param output its output, for the record
 */
record ActionOutcome(boolean ok, Map<String, Object> variables, String output) {

    ActionOutcome {
        variables = Map.copyOf(variables);
        output = output == null ? "" : output;
    }

    static ActionOutcome failed(String why) {
        return new ActionOutcome(false, Map.of(), why);
    }
}

package io.tensorwasm.ops.runtime.function;

import java.util.List;

/**
 * One call of a function: the export (null for the only one) and its JSON-number arguments.
 *
 * @param export the export name, or null
 * @param args the arguments, numbers
 */
public record Invocation(String export, List<?> args) {

    public Invocation {
        args = args == null ? List.of() : List.copyOf(args);
    }
}

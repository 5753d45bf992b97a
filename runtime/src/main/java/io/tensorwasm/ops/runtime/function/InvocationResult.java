package io.tensorwasm.ops.runtime.function;

import java.util.List;

/**
 * What an invocation returned.
 *
 * @param export the export that ran
 * @param values its results, as JSON numbers
 * @param durationNanos wall time on the worker, instantiation included
 */
public record InvocationResult(String export, List<Number> values, long durationNanos) {

    public InvocationResult {
        values = List.copyOf(values);
    }
}

package io.tensorwasm.ops.engine.store;

import java.util.List;

/**
 * One page of the execution history, newest first.
 *
 * @param executions the executions on this page
 * @param matching how many executions match the filter on every page together
 * @param older true when older matching executions exist beyond this page
 * @param newer true when newer matching executions exist before this page
 */
public record HistorySlice(
        List<ExecutionSummary> executions, long matching, boolean older, boolean newer) {

    public HistorySlice {
        executions = List.copyOf(executions);
    }
}

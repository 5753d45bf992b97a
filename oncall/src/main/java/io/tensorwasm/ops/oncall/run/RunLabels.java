package io.tensorwasm.ops.oncall.run;

import io.tensorwasm.ops.engine.store.ExecutionSummary;
import java.util.List;
import java.util.Map;

/**
 * How executions read on the execution and history pages: who or what started each and how it
 * ended, in the console's words. The incidents and remediations that decide it sit above this
 * package (oncall.view's RunIncidents), so the pages here ask through this interface.
 */
public interface RunLabels {

    /**
     * How one execution reads on a page.
     *
     * @param startedBy who or what started it, in words: {@code TensorWasmAvailabilityFastBurn
     *     (incident 3)}, {@code ana}
     * @param incidentId the incident it worked, or 0
     * @param outcome its outcome in words: {@code withdrawn (alert resolved)}, or its status
     * @param css its outcome as a CSS class
     */
    record Label(String startedBy, long incidentId, String outcome, String css) {}

    /** The labels of the executions, by execution id; may block on the database. */
    Map<Long, Label> of(List<ExecutionSummary> executions);

    /** The label of one execution. */
    default Label of(ExecutionSummary execution) {
        return of(List.of(execution)).get(execution.id());
    }
}

package io.tensorwasm.ops.web.console;

import java.util.List;

/**
 * The drills page: recent runs of the readiness drills.
 *
 * @param runs newest first
 */
public record DrillsPage(List<Run> runs) {

    /**
     * One drill run.
     *
     * @param started when it started
     * @param drill which drill
     * @param outcome passed or failed, with the failed check
     * @param duration how long it took
     */
    public record Run(String started, String drill, String outcome, String duration) {}
}

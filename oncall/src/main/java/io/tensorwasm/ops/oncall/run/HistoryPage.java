package io.tensorwasm.ops.oncall.run;

import java.util.List;

/**
 * The history: every execution, newest first, filtered and one page at a time.
 *
 * @param filter the filter as chosen, each value empty for "any"
 * @param runbooks the runbook ids to filter by
 * @param modes the modes to filter by
 * @param outcomes the outcomes to filter by
 * @param triggers the triggers to filter by
 * @param rows the executions on this page
 * @param matching how many executions match the filter
 * @param newer the link to the newer page, or empty on the first
 * @param older the link to the older page, or empty on the last
 */
public record HistoryPage(
        Filter filter,
        List<String> runbooks,
        List<String> modes,
        List<String> outcomes,
        List<String> triggers,
        List<Row> rows,
        long matching,
        String newer,
        String older) {

    public HistoryPage {
        runbooks = List.copyOf(runbooks);
        modes = List.copyOf(modes);
        outcomes = List.copyOf(outcomes);
        triggers = List.copyOf(triggers);
        rows = List.copyOf(rows);
    }

    /**
     * The chosen filter.
     *
     * @param runbook a runbook id, or empty
     * @param mode dry-run, interactive or automatic, or empty
     * @param outcome a status word, or empty
     * @param trigger person or alert, or empty
     */
    public record Filter(String runbook, String mode, String outcome, String trigger) {

        /** True when nothing is filtered. */
        public boolean any() {
            return runbook.isEmpty() && mode.isEmpty() && outcome.isEmpty() && trigger.isEmpty();
        }
    }

    /**
     * One execution.
     *
     * @param id its id, which links to its page
     * @param runbookId its runbook
     * @param mode how it ran
     * @param status how it stands or ended, in the console's words: {@code withdrawn (alert
     *     resolved)}
     * @param css its status as a CSS class
     * @param startedBy who or what started it: a person, or an alert and its incident
     * @param incidentId the incident it worked, or 0
     * @param started when
     * @param took how long it ran
     * @param summary one line on how it ended
     */
    public record Row(
            long id,
            String runbookId,
            String mode,
            String status,
            String css,
            String startedBy,
            long incidentId,
            String started,
            String took,
            String summary) {}
}

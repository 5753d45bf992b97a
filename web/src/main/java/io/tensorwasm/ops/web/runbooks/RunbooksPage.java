package io.tensorwasm.ops.web.runbooks;

import java.util.List;

/**
 * The catalogue: every runbook page, whether it lints, and what it answers.
 *
 * @param rows one row per page
 * @param broken how many pages have lint problems
 */
public record RunbooksPage(List<Row> rows, long broken) {

    public RunbooksPage {
        rows = List.copyOf(rows);
    }

    /**
     * One page.
     *
     * @param id its id
     * @param title its title
     * @param kind alert or procedure, or empty when unreadable
     * @param alert the alert it answers, or empty
     * @param steps how many steps it has
     * @param total its estimates against its SLA
     * @param problems how many lint problems its file has
     */
    public record Row(
            String id,
            String title,
            String kind,
            String alert,
            int steps,
            String total,
            int problems) {}
}

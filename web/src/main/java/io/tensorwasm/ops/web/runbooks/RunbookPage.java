package io.tensorwasm.ops.web.runbooks;

import io.tensorwasm.ops.oncall.run.Chart;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A runbook page: its Markdown rendered, each first-look query with its live value and a Grafana
 * link, its steps as a checklist against the SLA, lint problems when it has any, and the buttons
 * that start a dry run or an interactive run.
 *
 * @param id the runbook id
 * @param title its title
 * @param file where it came from
 * @param facts front-matter facts worth a glance: kind, alert, severity, SLO, automation
 * @param problems lint problems; a page with any cannot run
 * @param parts the rendered Markdown, cut at each first-look query
 * @param steps the steps as a checklist
 * @param total the sum of the estimates against the SLA, in words
 * @param overSla true when the estimates add up to more than the SLA
 * @param runnable true when the engine read it without problems
 * @param canRun true when the signed-in person may start runs
 * @param role their role, to say why the buttons are missing
 * @param valuesFrom where live values come from
 * @param range the Grafana links' time range, in words
 * @param dashboard the dashboard link over the same range, or empty
 * @param vars the runbook's vars with their defaults, which a run may be given
 */
public record RunbookPage(
        String id,
        String title,
        String file,
        List<Fact> facts,
        List<String> problems,
        List<Part> parts,
        List<StepItem> steps,
        String total,
        boolean overSla,
        boolean runnable,
        boolean canRun,
        String role,
        String valuesFrom,
        String range,
        String dashboard,
        Map<String, String> vars) {

    public RunbookPage {
        facts = List.copyOf(facts);
        problems = List.copyOf(problems);
        parts = List.copyOf(parts);
        steps = List.copyOf(steps);
        vars = new TreeMap<>(vars);
    }

    /**
     * One front-matter fact.
     *
     * @param name what it is
     * @param value its value
     */
    public record Fact(String name, String value) {}

    /**
     * Rendered Markdown followed by a first-look query.
     *
     * @param html escaped HTML from commonmark, inserted as it is
     * @param query the query after it, or null
     */
    public record Part(String html, Query query) {}

    /**
     * A first-look query with its live value.
     *
     * @param expression the PromQL
     * @param value the value now, or {@code no value: <reason>}
     * @param found false when there is no value
     * @param panel the panel id in words, or empty
     * @param grafana the link to the panel over the range, or empty without a dashboard
     * @param chart the query over the last hour, drawn on the server, or null
     * @param chartNote why there is no chart, or empty
     * @param table the series of a result grouped by labels, one row each, or null
     */
    public record Query(
            String expression,
            String value,
            boolean found,
            String panel,
            String grafana,
            Chart chart,
            String chartNote,
            LabelTable table) {}

    /**
     * A labelled result as a small table: one column per label, then the value.
     *
     * @param columns the label names, in order
     * @param rows each series: its label values in the columns' order, then its value
     * @param more how many series the table leaves out
     */
    public record LabelTable(List<String> columns, List<List<String>> rows, int more) {

        public LabelTable {
            columns = List.copyOf(columns);
            rows = rows.stream().map(List::copyOf).toList();
        }
    }

    /**
     * One step of the checklist.
     *
     * @param number its number
     * @param action the action as written
     * @param expected its check, with its timing, or empty
     * @param onFailure what follows a failure
     * @param estimate how long it should take
     * @param needsPerson true when a person acts, approves or judges
     */
    public record StepItem(
            int number,
            String action,
            String expected,
            String onFailure,
            String estimate,
            boolean needsPerson) {}
}

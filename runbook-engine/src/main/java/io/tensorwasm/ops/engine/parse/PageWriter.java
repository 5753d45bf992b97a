package io.tensorwasm.ops.engine.parse;

import io.tensorwasm.ops.engine.model.Action;
import io.tensorwasm.ops.engine.model.Check;
import io.tensorwasm.ops.engine.model.Durations;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.model.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a runbook read from a seed-style block as a Markdown page in the engine's own format, with
 * front matter, that lints clean ({@code twops runbook import}, issue #19). What the page format
 * has no cell for, the prose beside a machine check, is kept as a note under the table.
 */
public final class PageWriter {

    private PageWriter() {}

    /** The page for a runbook. */
    public static String markdown(Runbook runbook) {
        StringBuilder page = new StringBuilder("---\n");
        page.append("id: ").append(runbook.id()).append('\n');
        page.append("kind: ").append(runbook.metadata().kind().word()).append('\n');
        page.append("severity: ").append(runbook.metadata().severity()).append('\n');
        page.append("automation: \"").append(runbook.metadata().automation().word()).append("\"\n");
        runbook.metadata()
                .sla()
                .ifPresent(s -> page.append("sla: ").append(Durations.format(s)).append('\n'));
        runbook.metadata()
                .total()
                .ifPresent(t -> page.append("total: ").append(Durations.format(t)).append('\n'));
        page.append("---\n\n# ").append(runbook.title()).append("\n\n");
        page.append("Imported from ")
                .append(runbook.position().file().getFileName())
                .append(", block ")
                .append(runbook.id().toUpperCase(java.util.Locale.ROOT))
                .append(".\n\n");
        page.append("| Step | Action | Expected | Within | On failure | Estimate |\n");
        page.append("|---|---|---|---|---|---|\n");
        List<String> notes = new ArrayList<>();
        for (Step step : runbook.steps()) {
            page.append("| ")
                    .append(step.number())
                    .append(" | `")
                    .append(cell(action(step.action())))
                    .append("` | ")
                    .append(step.check().map(c -> code(expected(c))).orElse(""))
                    .append(" | ")
                    .append(step.check().map(PageWriter::within).orElse(""))
                    .append(" | ")
                    .append(step.onFailure().text())
                    .append(" | ")
                    .append(Durations.format(step.estimate()))
                    .append(" |\n");
            step.check()
                    .filter(c -> c.machineCheckable() && !c.prose().isEmpty())
                    .ifPresent(
                            c ->
                                    notes.add(
                                            "Step "
                                                    + step.number()
                                                    + " also expects, for a person: "
                                                    + c.prose()));
        }
        page.append('\n');
        notes.forEach(n -> page.append(n).append("\n\n"));
        if (!runbook.escalation().isEmpty()) {
            page.append("Escalation: ").append(runbook.escalation()).append('\n');
        }
        return page.toString();
    }

    private static String action(Action action) {
        if (action instanceof Action.Confirm c) {
            return "confirm \"" + c.prompt().replace('"', '\'') + "\"";
        }
        return action.text();
    }

    private static String expected(Check check) {
        return check.machineCheckable() ? check.expression() : "manual: " + check.prose();
    }

    private static String within(Check check) {
        return switch (check.timing()) {
            case NOW -> "";
            case WITHIN -> Durations.format(check.duration());
            case AFTER -> "after " + Durations.format(check.duration());
        };
    }

    private static String code(String text) {
        return "`" + cell(text) + "`";
    }

    /** A cell's text with its pipes escaped, so the table keeps its columns. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace("`", "'");
    }
}

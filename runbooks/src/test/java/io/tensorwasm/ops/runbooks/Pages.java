package io.tensorwasm.ops.runbooks;

import io.tensorwasm.ops.engine.model.Kind;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.model.Section;
import io.tensorwasm.ops.engine.model.Step;
import io.tensorwasm.ops.engine.parse.Catalog;
import io.tensorwasm.ops.engine.parse.LintReport;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The pages of this module as the engine reads them from the class path, and the little these tests
 * need beyond the engine's model: the rows of a table in a section's Markdown, the bullets of a
 * list, the steps written under a heading.
 */
final class Pages {

    /** Every page of {@code runbooks/}, parsed and linted as one catalogue. */
    static final LintReport CATALOGUE =
            Catalog.lintResources("runbooks", Pages.class.getClassLoader());

    private Pages() {}

    static List<Runbook> all() {
        return CATALOGUE.runbooks();
    }

    static List<Runbook> alerts() {
        return all().stream().filter(r -> r.metadata().kind() == Kind.ALERT).toList();
    }

    static Runbook page(String id) {
        return CATALOGUE
                .runbook(id)
                .orElseThrow(() -> new IllegalArgumentException(id + ": no such runbook"));
    }

    /** The body rows of the section's tables, as trimmed cells; header and separator left out. */
    static List<List<String>> rows(Section section) {
        return tableLines(section, n -> n > 2);
    }

    /** The header rows of the section's tables. */
    static List<List<String>> headers(Section section) {
        return tableLines(section, n -> n == 1);
    }

    // A table is a run of lines that start with "|": header, separator, then the rows.
    private static List<List<String>> tableLines(Section section, IntPredicate which) {
        List<List<String>> lines = new ArrayList<>();
        int lineInTable = 0;
        for (String line : section.markdown().lines().toList()) {
            lineInTable = line.startsWith("|") ? lineInTable + 1 : 0;
            if (which.test(lineInTable)) {
                lines.add(cells(line));
            }
        }
        return lines;
    }

    /** The top-level bullets of the section. */
    static List<String> bullets(Section section) {
        return section.markdown().lines().filter(l -> l.startsWith("- ")).toList();
    }

    /** The steps whose rows lie under the section's heading and before the next one. */
    static List<Step> steps(Runbook runbook, String title) {
        Section section = runbook.section(title).orElseThrow();
        int from = section.position().line();
        int to =
                runbook.sections().stream()
                        .mapToInt(s -> s.position().line())
                        .filter(line -> line > from)
                        .min()
                        .orElse(Integer.MAX_VALUE);
        return runbook.steps().stream()
                .filter(s -> s.position().line() > from && s.position().line() < to)
                .toList();
    }

    private static List<String> cells(String line) {
        String inner = line.strip().substring(1, line.strip().length() - 1);
        List<String> cells = new ArrayList<>();
        for (String cell : inner.split("(?<!\\\\)\\|", -1)) {
            cells.add(cell.strip());
        }
        return cells;
    }
}

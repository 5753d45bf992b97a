package io.tensorwasm.ops.runbooks;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One runbook page as the catalogue tests see it: front matter, H2 sections in order, fenced {@code
 * promql} blocks, tables and list items. Read by {@link RunbookReader}.
 *
 * @param id the file name without {@code .md}
 * @param source where the page came from, for messages ({@code runbooks/rollback.md})
 */
public record RunbookPage(
        String id, String source, Map<String, Object> front, List<Section> sections) {

    /** The steps table header of DESIGN.md, cell for cell. */
    public static final List<String> STEP_COLUMNS =
            List.of("Step", "Action", "Expected", "Within", "On failure");

    public RunbookPage {
        front = Collections.unmodifiableMap(new LinkedHashMap<>(front));
        sections = List.copyOf(sections);
    }

    /** The scalar value of a front-matter key, or an error that names the page. */
    public String front(String key) {
        Object value = front.get(key);
        if (value == null || value instanceof List || value instanceof Map) {
            throw new IllegalStateException(
                    source + ": front matter needs a value for \"" + key + "\"");
        }
        return value.toString();
    }

    /** The list value of a front-matter key, or an error that names the page. */
    public List<String> frontList(String key) {
        if (!(front.get(key) instanceof List<?> values)) {
            throw new IllegalStateException(
                    source + ": front matter needs a list for \"" + key + "\"");
        }
        return values.stream().map(String::valueOf).toList();
    }

    /** The H2 titles in page order. */
    public List<String> headings() {
        return sections.stream().map(Section::title).toList();
    }

    /** The H2 section with that title. */
    public Optional<Section> section(String title) {
        return sections.stream().filter(s -> s.title().equals(title)).findFirst();
    }

    /** Every row of every steps table, in page order. */
    public List<Step> steps() {
        return sections.stream()
                .flatMap(s -> s.tables().stream())
                .filter(t -> t.header().equals(STEP_COLUMNS))
                .flatMap(t -> t.rows().stream().map(r -> Step.of(r, t)))
                .toList();
    }

    /** Every PromQL expression on the page: fenced blocks and {@code promql} step actions. */
    public List<String> promql() {
        List<String> blocks =
                sections.stream().flatMap(s -> s.queries().stream()).map(Query::expr).toList();
        List<String> actions =
                steps().stream()
                        .filter(s -> s.action().startsWith("promql "))
                        .map(s -> s.action().substring("promql ".length()))
                        .toList();
        return Stream.concat(blocks.stream(), actions.stream()).toList();
    }

    /** An H2 section: its text, fenced PromQL blocks, tables and list items. */
    public record Section(
            String title,
            String text,
            List<Query> queries,
            List<Table> tables,
            List<String> items) {
        public Section {
            queries = List.copyOf(queries);
            tables = List.copyOf(tables);
            items = List.copyOf(items);
        }
    }

    /** A fenced {@code promql} block and the paragraph before it, which names its panel. */
    public record Query(String expr, String caption, int line) {}

    /** A GFM table as plain cell text (code spans unwrapped). */
    public record Table(List<String> header, List<List<String>> rows, int line) {}

    /** One row of a steps table. */
    public record Step(
            String number,
            String action,
            String expected,
            String within,
            String onFailure,
            int line) {
        static Step of(List<String> cells, Table table) {
            return new Step(
                    cells.get(0),
                    cells.get(1),
                    cells.get(2),
                    cells.get(3),
                    cells.get(4),
                    table.line());
        }
    }
}

package io.tensorwasm.ops.engine.parse;

import io.tensorwasm.ops.engine.model.Action;
import io.tensorwasm.ops.engine.model.Check;
import io.tensorwasm.ops.engine.model.OnFailure;
import io.tensorwasm.ops.engine.model.Position;
import io.tensorwasm.ops.engine.model.Problem;
import io.tensorwasm.ops.engine.model.Query;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.model.RunbookFormatException;
import io.tensorwasm.ops.engine.model.Section;
import io.tensorwasm.ops.engine.model.Step;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableBody;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * Reads a runbook page: YAML front matter, then Markdown parsed by commonmark-java with GFM tables
 * and source spans, so every problem has its line and column.
 */
final class MarkdownRunbooks {

    private static final Parser MARKDOWN =
            Parser.builder()
                    .extensions(List.of(TablesExtension.create()))
                    .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES)
                    .build();

    /** The placeholders every runbook may use; front matter {@code vars} add more. */
    static final Set<String> PLACEHOLDERS = Set.of("runtime", "prometheus", "target");

    private final Path file;
    private final List<String> lines;
    private final List<Problem> problems;
    private final StepLinks links = new StepLinks();

    private MarkdownRunbooks(Path file, List<String> lines, List<Problem> problems) {
        this.file = file;
        this.lines = lines;
        this.problems = problems;
    }

    /**
     * Parses one page; problems are added to the list, and a runbook is returned when it has an id.
     */
    static Optional<Runbook> parse(Path file, String text, List<Problem> problems) {
        // Lines as CommonMark counts them (a lone CR ends a line too), so its source spans index
        // them.
        List<String> lines = List.of(text.split("\r\n|\r|\n", -1));
        return new MarkdownRunbooks(file, lines, problems).read(text);
    }

    private Optional<Runbook> read(String text) {
        int close = closingLine();
        if (close < 0) {
            return Optional.empty();
        }
        FrontMatter.Result front =
                FrontMatter.parse(file, String.join("\n", lines.subList(1, close)), 2, problems);
        Body body = body(close, front);
        links.check(body.steps, problems);
        if (front.id().isEmpty() || !front.id().matches("[a-z0-9][a-z0-9.-]*")) {
            return Optional.empty();
        }
        Runbook runbook =
                new Runbook(
                        front.id(),
                        body.title,
                        front.metadata(),
                        body.sections,
                        body.steps,
                        body.escalation,
                        Hashes.sha256(text),
                        Position.of(file));
        RunbookLinter.lint(
                runbook,
                new RunbookLinter.Anchors(
                        front.positions().get("total"), front.positions().get("sla"), end()),
                problems);
        return Optional.of(runbook);
    }

    /** The index of the line that closes the front matter, or -1 with a problem. */
    private int closingLine() {
        if (lines.isEmpty() || !lines.get(0).strip().equals("---")) {
            problems.add(
                    new Problem(
                            Position.of(file),
                            "no front matter; a runbook starts with a \"---\" line"));
            return -1;
        }
        for (int close = 1; close < lines.size(); close++) {
            if (lines.get(close).strip().equals("---")) {
                return close;
            }
        }
        problems.add(new Problem(Position.of(file), "front matter has no closing \"---\""));
        return -1;
    }

    /** What the Markdown after the front matter holds. */
    private static final class Body {
        String title;
        String escalation = "";
        final List<Section> sections = new ArrayList<>();
        final List<Step> steps = new ArrayList<>();
    }

    /** An H2 section being read: where its heading is, its promql blocks so far. */
    private record Open(String title, Position position, List<Query> queries) {}

    /**
     * Parses the page with the front matter blanked out, so that commonmark's line numbers are the
     * file's.
     */
    private Body body(int close, FrontMatter.Result front) {
        StringBuilder markdown = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            markdown.append(i <= close ? "" : lines.get(i)).append('\n');
        }
        ActionText actions = actions(front);
        Body body = new Body();
        body.title = front.title();
        Open open = null;
        String caption = "";
        for (Node node = MARKDOWN.parse(markdown.toString()).getFirstChild();
                node != null;
                node = node.getNext()) {
            if (node instanceof Heading heading) {
                String headingText = source(node).replaceFirst("^#+\\s*", "").strip();
                if (heading.getLevel() == 1 && body.title.isEmpty()) {
                    body.title = headingText;
                } else if (heading.getLevel() == 2) {
                    close(open, start(node).line() - 1, body);
                    open = new Open(headingText, start(node), new ArrayList<>());
                }
            } else if (node instanceof TableBlock table) {
                body.steps.addAll(steps(table, actions, body.steps.size()));
            } else if (node instanceof Paragraph && source(node).startsWith("Escalation:")) {
                String line = source(node).substring("Escalation:".length());
                body.escalation = line.strip().replaceAll("\\s+", " ");
            } else if (node instanceof FencedCodeBlock code
                    && "promql".equals(code.getInfo().strip())
                    && open != null) {
                open.queries().add(new Query(code.getLiteral().strip(), caption, start(node)));
            }
            caption = node instanceof Paragraph ? plain(node) : "";
        }
        close(open, lines.size(), body);
        return body;
    }

    private static ActionText actions(FrontMatter.Result front) {
        Set<String> placeholders = new HashSet<>(PLACEHOLDERS);
        placeholders.addAll(front.metadata().vars().keySet());
        return new ActionText(
                new HashSet<>(front.metadata().targets()), placeholders, front.metadata().vars());
    }

    /** Ends the open section at a line (1-based, inclusive) and adds it to the body. */
    private void close(Open open, int lastLine, Body body) {
        if (open == null) {
            return;
        }
        String markdown =
                String.join(
                                "\n",
                                lines.subList(
                                        open.position().line(),
                                        Math.max(open.position().line(), lastLine)))
                        .strip();
        body.sections.add(new Section(open.title(), open.position(), markdown, open.queries()));
    }

    /** The text of a paragraph without its markup: code spans and emphasis read as words. */
    private static String plain(Node node) {
        StringBuilder text = new StringBuilder();
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof Text t) {
                text.append(t.getLiteral());
            } else if (child instanceof Code c) {
                text.append(c.getLiteral());
            } else if (child instanceof SoftLineBreak) {
                text.append(' ');
            } else {
                text.append(plain(child));
            }
        }
        return text.toString().strip();
    }

    private List<Step> steps(TableBlock table, ActionText actions, int before) {
        TableHead head = (TableHead) table.getFirstChild();
        List<Cell> header = cells((TableRow) head.getFirstChild());
        Columns columns;
        try {
            columns = Columns.of(header);
        } catch (RunbookFormatException e) {
            problems.add(e.problem());
            return List.of();
        }
        if (columns == null) {
            return List.of();
        }
        List<Step> steps = new ArrayList<>();
        int expected = before + 1;
        Node body = head.getNext();
        if (!(body instanceof TableBody)) {
            return steps;
        }
        for (Node row = body.getFirstChild(); row != null; row = row.getNext()) {
            List<Cell> cells = cells((TableRow) row);
            try {
                steps.add(step(columns, cells, expected, actions, start(row)));
            } catch (RunbookFormatException e) {
                problems.add(e.problem());
            }
            expected++;
        }
        return steps;
    }

    private Step step(
            Columns columns, List<Cell> cells, int expected, ActionText actions, Position rowAt) {
        Cell number = columns.get(cells, Columns.STEP, rowAt);
        if (!number.text().matches("\\d+")) {
            boolean restEmpty = cells.stream().skip(1).allMatch(Cell::isEmpty);
            if (restEmpty) {
                throw number.error(
                        0,
                        "\""
                                + number.text()
                                + "\" is not a step; leave a blank line between the table and the text after it");
            }
            throw number.error(
                    0, "bad step number \"" + number.text() + "\"; number steps 1, 2, 3 ...");
        }
        if (Integer.parseInt(number.text()) != expected) {
            throw number.error(
                    0,
                    "step "
                            + number.text()
                            + " should be step "
                            + expected
                            + "; number steps 1, 2, 3 ... without gaps");
        }
        Action action = actions.parse(columns.get(cells, Columns.ACTION, rowAt));
        Optional<Check> check =
                CheckText.parse(
                        columns.get(cells, Columns.EXPECTED, rowAt),
                        columns.get(cells, Columns.WITHIN, rowAt));
        OnFailure onFailure =
                OnFailureText.parse(columns.get(cells, Columns.ON_FAILURE, rowAt), OnFailure.ABORT);
        Cell estimateCell = columns.get(cells, Columns.ESTIMATE, rowAt);
        if (estimateCell.isEmpty()) {
            throw estimateCell.error(
                    0, "step " + expected + " has no estimate; every step needs one, e.g. 2m");
        }
        java.time.Duration estimate;
        try {
            estimate = DurationText.parse(estimateCell.text());
        } catch (IllegalArgumentException e) {
            throw estimateCell.error(0, e.getMessage());
        }
        if (action instanceof Action.Decide
                && check.isPresent()
                && !((Action.Decide) action).answers().containsAll(List.of("yes", "no"))) {
            throw columns.get(cells, Columns.ACTION, rowAt)
                    .error(0, "a decide step with an expected check needs the answers yes and no");
        }
        Step step = new Step(expected, action, check, estimate, onFailure, rowAt);
        links.add(
                step,
                columns.get(cells, Columns.ON_FAILURE, rowAt),
                columns.get(cells, Columns.ACTION, rowAt),
                columns.get(cells, Columns.EXPECTED, rowAt));
        return step;
    }

    private List<Cell> cells(TableRow row) {
        List<Cell> cells = new ArrayList<>();
        Position rowAt = start(row);
        for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
            if (cell instanceof TableCell && !cell.getSourceSpans().isEmpty()) {
                SourceSpan span = cell.getSourceSpans().get(0);
                String line = lines.get(span.getLineIndex());
                String raw =
                        line.substring(
                                span.getColumnIndex(),
                                Math.min(line.length(), span.getColumnIndex() + span.getLength()));
                cells.add(
                        Cell.of(
                                raw,
                                new Position(
                                        file, span.getLineIndex() + 1, span.getColumnIndex() + 1)));
            } else {
                cells.add(new Cell("", rowAt));
            }
        }
        return cells;
    }

    private String source(Node node) {
        StringBuilder text = new StringBuilder();
        for (SourceSpan span : node.getSourceSpans()) {
            String line = lines.get(span.getLineIndex());
            text.append(
                            line,
                            span.getColumnIndex(),
                            Math.min(line.length(), span.getColumnIndex() + span.getLength()))
                    .append('\n');
        }
        return text.toString().strip();
    }

    private Position start(Node node) {
        SourceSpan span = node.getSourceSpans().get(0);
        return new Position(file, span.getLineIndex() + 1, span.getColumnIndex() + 1);
    }

    private Position end() {
        int last = lines.size();
        while (last > 1 && lines.get(last - 1).isBlank()) {
            last--;
        }
        return new Position(file, last, 1);
    }
}

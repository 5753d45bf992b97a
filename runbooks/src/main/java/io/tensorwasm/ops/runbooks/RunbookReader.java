package io.tensorwasm.ops.runbooks;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * Reads a runbook page into a {@link RunbookPage}: the YAML front matter between the leading {@code
 * ---} lines with Jackson, the Markdown after it with commonmark-java and GFM tables. An interim
 * reader for the catalogue tests: TODO(#5) replace it with the engine's parser once {@code
 * docs/RUNBOOK-FORMAT.md} is final.
 */
public final class RunbookReader {

    private static final Parser PARSER =
            Parser.builder()
                    .extensions(List.of(TablesExtension.create()))
                    .includeSourceSpans(IncludeSourceSpans.BLOCKS)
                    .build();

    private RunbookReader() {}

    /** Parses the Markdown of the page with that id; {@code source} names it in messages. */
    public static RunbookPage parse(String id, String source, String markdown) {
        Map<String, Object> front = Map.of();
        String body = markdown;
        if (markdown.startsWith("---\n")) {
            int end = markdown.indexOf("\n---\n", 3);
            if (end < 0) {
                throw new IllegalArgumentException(source + ":1: front matter has no closing ---");
            }
            front = frontMatter(source, markdown.substring(4, end + 1));
            // Blank lines keep the body's line numbers equal to the file's.
            body =
                    "\n".repeat((int) markdown.substring(0, end + 5).lines().count())
                            + markdown.substring(end + 5);
        }
        Node document = PARSER.parse(body);
        List<RunbookPage.Section> sections = new ArrayList<>();
        SectionBuilder current = null;
        String lastParagraph = "";
        for (Node node = document.getFirstChild(); node != null; node = node.getNext()) {
            if (node instanceof Heading h && h.getLevel() == 2) {
                if (current != null) {
                    sections.add(current.build());
                }
                current = new SectionBuilder(text(h));
                continue;
            }
            if (current == null) {
                continue;
            }
            if (node instanceof Paragraph p) {
                lastParagraph = text(p);
                current.text.append(lastParagraph).append('\n');
            } else if (node instanceof FencedCodeBlock code && "promql".equals(code.getInfo())) {
                current.queries.add(
                        new RunbookPage.Query(
                                code.getLiteral().strip(), lastParagraph, line(node)));
            } else if (node instanceof TableBlock table) {
                current.tables.add(table(table));
            } else if (node instanceof BulletList || node instanceof OrderedList) {
                for (Node item = node.getFirstChild(); item != null; item = item.getNext()) {
                    current.items.add(text(item));
                }
            }
        }
        if (current != null) {
            sections.add(current.build());
        }
        return new RunbookPage(id, source, front, sections);
    }

    private static Map<String, Object> frontMatter(String source, String yaml) {
        try {
            Map<String, Object> values = new YAMLMapper().readValue(yaml, new TypeReference<>() {});
            return values == null ? Map.of() : values;
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": front matter is not YAML", e);
        }
    }

    private static RunbookPage.Table table(TableBlock block) {
        List<List<String>> rows = new ArrayList<>();
        List<String> header = null;
        for (Node section = block.getFirstChild(); section != null; section = section.getNext()) {
            for (Node row = section.getFirstChild(); row != null; row = row.getNext()) {
                if (!(row instanceof TableRow)) {
                    continue;
                }
                List<String> cells = new ArrayList<>();
                for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
                    if (cell instanceof TableCell c) {
                        cells.add(text(c));
                    }
                }
                if (header == null) {
                    header = cells;
                } else {
                    rows.add(List.copyOf(cells));
                }
            }
        }
        return new RunbookPage.Table(List.copyOf(header), List.copyOf(rows), line(block));
    }

    private static int line(Node node) {
        return node.getSourceSpans().isEmpty()
                ? 0
                : node.getSourceSpans().get(0).getLineIndex() + 1;
    }

    // Plain text: literals of text and code spans, soft breaks as spaces, list items per line.
    private static String text(Node node) {
        StringBuilder out = new StringBuilder();
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof Text t) {
                out.append(t.getLiteral());
            } else if (child instanceof Code c) {
                out.append(c.getLiteral());
            } else if (child instanceof SoftLineBreak) {
                out.append(' ');
            } else if (child instanceof ListItem) {
                out.append(text(child)).append('\n');
            } else {
                out.append(text(child));
                if (child instanceof Paragraph) {
                    out.append('\n');
                }
            }
        }
        return out.toString().strip();
    }

    private static final class SectionBuilder {
        private final String title;
        private final StringBuilder text = new StringBuilder();
        private final List<RunbookPage.Query> queries = new ArrayList<>();
        private final List<RunbookPage.Table> tables = new ArrayList<>();
        private final List<String> items = new ArrayList<>();

        SectionBuilder(String title) {
            this.title = title;
        }

        RunbookPage.Section build() {
            return new RunbookPage.Section(title, text.toString(), queries, tables, items);
        }
    }
}

package io.tensorwasm.ops.web.runbooks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Renders a runbook page's Markdown to HTML with commonmark-java and GFM tables, without its first
 * {@code #} heading (the console prints the title above it). Raw HTML in the Markdown is escaped,
 * never passed through, and unsafe link schemes are dropped, so a page cannot carry script into the
 * console. Fenced {@code promql} blocks are cut out as {@link FirstLookQuery first-look queries},
 * for the page to show with their live values.
 *
 * <pre>{@code
 * RunbookMarkdown.Rendered page = RunbookMarkdown.render(text);
 * page.parts().forEach(part -> out.append(part.html()));
 * }</pre>
 */
public final class RunbookMarkdown {

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer HTML =
            HtmlRenderer.builder()
                    .extensions(EXTENSIONS)
                    .escapeHtml(true)
                    .sanitizeUrls(true)
                    .attributeProviderFactory(context -> RunbookMarkdown::attributes)
                    .build();

    private RunbookMarkdown() {}

    /** Renders a page, front matter left out. */
    public static Rendered render(String markdown) {
        List<Part> parts = new ArrayList<>();
        StringBuilder html = new StringBuilder();
        boolean titled = false;
        for (Node node = PARSER.parse(withoutFrontMatter(markdown)).getFirstChild();
                node != null;
                node = node.getNext()) {
            if (!titled && node instanceof Heading heading && heading.getLevel() == 1) {
                // The page prints the runbook's title above the Markdown; once is enough.
                titled = true;
            } else if (node instanceof FencedCodeBlock block && "promql".equals(info(block))) {
                parts.add(
                        new Part(
                                html.toString(),
                                FirstLookQuery.of(block.getLiteral(), caption(node))));
                html.setLength(0);
            } else {
                html.append(HTML.render(node));
            }
        }
        parts.add(new Part(html.toString(), null));
        return new Rendered(parts);
    }

    /** The text after the closing {@code ---} of the front matter, or all of it without one. */
    static String withoutFrontMatter(String markdown) {
        String text = markdown.replace("\r\n", "\n");
        if (!text.startsWith("---\n")) {
            return text;
        }
        int close = text.indexOf("\n---\n", 3);
        return close < 0 ? text : text.substring(close + 5);
    }

    private static String info(FencedCodeBlock block) {
        String info = block.getInfo() == null ? "" : block.getInfo().strip();
        int space = info.indexOf(' ');
        return (space < 0 ? info : info.substring(0, space)).toLowerCase(Locale.ROOT);
    }

    private static String caption(Node block) {
        Node before = block.getPrevious();
        if (!(before instanceof Paragraph)) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        before.accept(
                new AbstractVisitor() {
                    @Override
                    public void visit(Text t) {
                        text.append(t.getLiteral());
                    }

                    @Override
                    public void visit(Code code) {
                        text.append(code.getLiteral());
                    }

                    @Override
                    public void visit(SoftLineBreak lineBreak) {
                        text.append(' ');
                    }
                });
        return text.toString();
    }

    private static void attributes(Node node, String tagName, Map<String, String> attributes) {
        if (node instanceof TableBlock) {
            attributes.put("class", "grid");
        } else if (node instanceof Heading heading && heading.getLevel() == 2) {
            attributes.put("id", anchor(heading));
        }
    }

    private static String anchor(Heading heading) {
        StringBuilder text = new StringBuilder();
        heading.accept(
                new AbstractVisitor() {
                    @Override
                    public void visit(Text t) {
                        text.append(t.getLiteral());
                    }
                });
        return text.toString()
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-|-$", "");
    }

    /**
     * A page cut at its first-look queries.
     *
     * @param parts the HTML before each query, with the query; the last part has none
     */
    public record Rendered(List<Part> parts) {

        public Rendered {
            parts = List.copyOf(parts);
        }

        /** The first-look queries in page order. */
        public List<FirstLookQuery> queries() {
            return parts.stream().filter(p -> p.query() != null).map(Part::query).toList();
        }
    }

    /**
     * Escaped HTML followed by a first-look query.
     *
     * @param html rendered Markdown, safe to insert as it is
     * @param query the query after it, or null after the last one
     */
    public record Part(String html, FirstLookQuery query) {}
}

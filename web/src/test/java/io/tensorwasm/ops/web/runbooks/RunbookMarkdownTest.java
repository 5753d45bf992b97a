package io.tensorwasm.ops.web.runbooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class RunbookMarkdownTest {

    @Test
    void escapesRawHtmlInsteadOfPassingItThrough() {
        String html =
                RunbookMarkdown.render(
                                "Text <img src=x onerror=\"alert(2)\"> and <b>bold</b>.\n\n"
                                        + "<script>alert(4)</script>\n")
                        .parts()
                        .get(0)
                        .html();

        assertThat(html)
                .contains("&lt;img src=x onerror=&quot;alert(2)&quot;&gt;")
                .contains("&lt;b&gt;bold&lt;/b&gt;")
                .contains("&lt;script&gt;alert(4)&lt;/script&gt;")
                .doesNotContain("<script>")
                .doesNotContain("<img")
                .doesNotContain("<b>");
    }

    @Test
    void dropsLinksThatRunScript() {
        String html = RunbookMarkdown.render("[go](javascript:alert(3))").parts().get(0).html();

        assertThat(html).doesNotContain("javascript:").contains(">go</a>");
    }

    @Test
    void rendersGfmTablesAndAnchorsSections() {
        String html =
                RunbookMarkdown.render(
                                "## Mitigation steps\n\n| Step | Action |\n|---|---|\n| 1 | `wait 5s` |\n")
                        .parts()
                        .get(0)
                        .html();

        assertThat(html)
                .contains("<h2 id=\"mitigation-steps\">Mitigation steps</h2>")
                .contains("<table class=\"grid\">")
                .contains("<td><code>wait 5s</code></td>");
    }

    @Test
    void cutsThePageAtEachFirstLookQueryWithThePanelItsCaptionNames() {
        RunbookMarkdown.Rendered page =
                RunbookMarkdown.render(
                        "---\nid: x\nkind: procedure\n---\n\n# X\n\n"
                                + "Panel 7, *Burn rate, 5 m and 1 h*. The burn rate.\n\n"
                                + "```promql\ntensor_wasm:invoke_availability:burnrate5m\n```\n\n"
                                + "No panel here.\n\n```promql\nup\n```\n\nThe end.\n");

        assertThat(page.queries())
                .containsExactly(
                        new FirstLookQuery(
                                "tensor_wasm:invoke_availability:burnrate5m",
                                "Panel 7, Burn rate, 5 m and 1 h. The burn rate.",
                                OptionalInt.of(7)),
                        new FirstLookQuery("up", "No panel here.", OptionalInt.empty()));
        assertThat(page.parts()).hasSize(3);
        assertThat(page.parts().get(0).html())
                .doesNotContain("<h1>")
                .contains("<em>Burn rate, 5 m and 1 h</em>")
                .doesNotContain("kind: procedure");
        assertThat(page.parts().get(2).html()).isEqualTo("<p>The end.</p>\n");
    }
}

package io.tensorwasm.ops.engine.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.engine.model.RunbookException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The runbook parser and linter on broken pages (issue #16: a broken runbook gets a clear error):
 * any text is either read, or linted into problems that each name the file, line and column, or
 * refused with the engine's own exception; nothing else escapes.
 */
class RunbookParserPropertyTest {

    private static final Path FILE = Path.of("runbooks/fuzz.md");

    private static final AtomicInteger clean = new AtomicInteger();
    private static final AtomicInteger problems = new AtomicInteger();
    private static final AtomicInteger read = new AtomicInteger();
    private static final AtomicInteger refused = new AtomicInteger();

    /** The generator reached every answer, or the property proved less than it says. */
    @AfterContainer
    static void everyAnswerWasReached() {
        assertThat(List.of(clean.get(), problems.get(), read.get(), refused.get()))
                .as("pages linted clean, pages with problems, pages read, pages refused")
                .allMatch(n -> n > 5);
    }

    @Property(tries = 1_000)
    void anyPageIsReadOrSaysWhereItIsBroken(@ForAll("pages") String text) {
        LintReport report = Catalog.lint(FILE, text);
        (report.problems().isEmpty() ? clean : problems).incrementAndGet();
        report.problems()
                .forEach(
                        p -> {
                            assertThat(p.position().file()).isEqualTo(FILE);
                            assertThat(p.position().line()).isPositive();
                            assertThat(p.message()).isNotBlank();
                        });
        try {
            Catalog.parse(FILE, text);
            read.incrementAndGet();
        } catch (RunbookException e) {
            refused.incrementAndGet();
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    /**
     * Found by the property: a lone carriage return ends a line for CommonMark, so a table row
     * holding one used to be cut at the wrong place ({@code StringIndexOutOfBoundsException}).
     */
    @Example
    void aLoneCarriageReturnInATableRowIsALineBreakLikeAnyOther() {
        List<String> lines = new ArrayList<>(VALID);
        lines.set(12, "| 1 | `wait 1s` |\r | | abort | 1m |");
        LintReport report = Catalog.lint(FILE, String.join("\n", lines));
        assertThat(report.problems())
                .isNotEmpty()
                .allSatisfy(p -> assertThat(p.position().line()).isPositive());
    }

    /** A page that reads clean, line by line: the mutations start from it. */
    private static final List<String> VALID =
            List.of(
                    "---",
                    "id: fuzz",
                    "kind: procedure",
                    "sla: 5m",
                    "vars:",
                    "  pattern: \"\"",
                    "---",
                    "",
                    "# Fuzz",
                    "",
                    "| Step | Action | Expected | Within | On failure | Estimate |",
                    "|---|---|---|---|---|---|",
                    "| 1 | `wait 1s` | | | abort | 1m |",
                    "| 2 | `http GET {runtime}/healthz` | `status == 200` | 30s | abort | 1m |",
                    "| 3 | `shell grep -c {pattern} /tmp/x` | | | continue | 1m |",
                    "");

    /** Pages made from the valid one by up to four edits: a line replaced, dropped or added. */
    @Provide
    Arbitrary<String> pages() {
        Arbitrary<String> junk =
                Arbitraries.oneOf(
                        Arbitraries.of(
                                "---",
                                "id:",
                                "kind: alert",
                                "severity: sev-9",
                                "sla: -1m",
                                "automation: sometimes",
                                "| x | `http GET` | `status ==` | 10q | ??? | 1m |",
                                "| 4 | `decide \"a\" -> 9` | | | abort | |",
                                "```promql",
                                "vars: [",
                                "| 2 | `wait 1s` | | | abort | 1m |",
                                "## Mitigation steps"),
                        Arbitraries.strings().ofMaxLength(40));
        Arbitrary<Edit> edit =
                Combinators.combine(
                                Arbitraries.integers().between(0, VALID.size() - 1),
                                Arbitraries.of(Edit.Kind.values()),
                                junk)
                        .as(Edit::new);
        return edit.list()
                .ofMaxSize(4)
                .map(
                        edits -> {
                            List<String> lines = new ArrayList<>(VALID);
                            for (Edit e : edits) {
                                int at = Math.min(e.at(), lines.size() - 1);
                                switch (e.kind()) {
                                    case REPLACE -> lines.set(at, e.text());
                                    case DROP -> lines.remove(at);
                                    case ADD -> lines.add(at, e.text());
                                }
                            }
                            return String.join("\n", lines);
                        });
    }

    private record Edit(int at, Kind kind, String text) {
        enum Kind {
            REPLACE,
            DROP,
            ADD
        }
    }
}

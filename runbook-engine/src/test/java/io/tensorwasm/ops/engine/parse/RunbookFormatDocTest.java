package io.tensorwasm.ops.engine.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunbookFormatDocTest {

    private static final Path DOC = Path.of("../docs/RUNBOOK-FORMAT.md");

    @Test
    void everyMarkdownExampleInTheFormatDocLintsClean() throws IOException {
        List<String> examples = examples(Files.readAllLines(DOC));

        assertThat(examples).hasSize(2);
        for (int i = 0; i < examples.size(); i++) {
            LintReport report =
                    Catalog.lint(
                            Path.of("RUNBOOK-FORMAT.md#example-" + (i + 1) + ".md"),
                            examples.get(i));
            assertThat(report.problems()).as("example %d", i + 1).isEmpty();
            assertThat(report.runbooks()).hasSize(1);
        }
    }

    @Test
    void theAlertExampleHasItsNineSectionsAndFourSteps() throws IOException {
        String alert = examples(Files.readAllLines(DOC)).get(0);

        LintReport report = Catalog.lint(Path.of("example.md"), alert);

        assertThat(report.runbooks().get(0).sections()).hasSize(9);
        assertThat(LintReport.summary(report.runbooks().get(0)))
                .isEqualTo(
                        "runtime-unhealthy: 4 steps, 4m of 10m SLA; machine-checkable: 1, 2, 3; manual: none; no check: 4");
    }

    /** The {@code markdown} blocks, fenced with four backticks because they hold fences. */
    static List<String> examples(List<String> lines) {
        List<String> examples = new ArrayList<>();
        StringBuilder current = null;
        for (String line : lines) {
            if (current == null) {
                if (line.equals("````markdown")) {
                    current = new StringBuilder();
                }
            } else if (line.equals("````")) {
                examples.add(current.toString());
                current = null;
            } else {
                current.append(line).append('\n');
            }
        }
        return examples;
    }
}

package io.tensorwasm.ops.engine.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.engine.model.Runbook;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed-style files are first-class in a catalogue folder (issue #19): a {@code .md} file in the
 * seed's table style and a {@code .txt} one are read as runbooks, and each block imports to a page
 * that lints clean and has the same steps.
 */
class SeedCataloguesTest {

    private static final Path FOLDER = Path.of("src/test/resources/seed-catalogue");

    @TempDir Path dir;

    @Test
    void aFolderReadsSeedStyleMarkdownAndTextFilesAsRunbooks() {
        LintReport report = Catalog.lint(FOLDER);

        assertThat(report.problems()).isEmpty();
        assertThat(report.runbooks())
                .extracting(Runbook::id)
                .containsExactly("p2-001", "p1-001", "p1-002", "p1-003", "p1-004");
        assertThat(report.runbook("p2-001").orElseThrow().metadata().severity()).isEqualTo("sev-2");
    }

    @Test
    void eachBlockImportsToAPageThatLintsCleanWithTheSameSteps() throws Exception {
        List<Runbook> seeds = Catalog.lint(FOLDER).runbooks();
        for (Runbook seed : seeds) {
            Path page = dir.resolve(seed.id() + ".md");
            Files.writeString(page, PageWriter.markdown(seed));
        }

        LintReport imported = Catalog.lint(dir);

        assertThat(imported.problems()).isEmpty();
        assertThat(imported.runbooks()).hasSameSizeAs(seeds);
        for (Runbook seed : seeds) {
            Runbook page = imported.runbook(seed.id()).orElseThrow();
            assertThat(page.title()).isEqualTo(seed.title());
            assertThat(page.estimatedTotal()).isEqualTo(seed.estimatedTotal());
            assertThat(page.metadata().sla()).isEqualTo(seed.metadata().sla());
            assertThat(page.escalation()).isEqualTo(seed.escalation());
            assertThat(page.steps()).hasSameSizeAs(seed.steps());
            for (int i = 0; i < seed.steps().size(); i++) {
                assertThat(page.steps().get(i).check().map(c -> c.machineCheckable()))
                        .isEqualTo(seed.steps().get(i).check().map(c -> c.machineCheckable()));
                assertThat(page.steps().get(i).action().verb())
                        .isEqualTo(seed.steps().get(i).action().verb());
            }
        }
    }

    @Test
    void lintRejectsAPlaceholderThatNamesNoParameterAndBadParameters() {
        String page =
                """
                ---
                id: typo
                kind: procedure
                params:
                  instance: {type: string, from: labels.instance}
                  replicas: {type: int, min: 1, max: 5, default: 9}
                  speed: {type: enum}
                  mode: {type: colour}
                ---

                | Step | Action | Expected | Within | On failure | Estimate |
                |---|---|---|---|---|---|
                | 1 | `cli tensor-wasm observe {instanse}` | | | abort | 1m |
                """;

        LintReport report = Catalog.lint(Path.of("typo.md"), page);

        assertThat(report.problems())
                .extracting(p -> p.toString())
                .containsExactly(
                        "typo.md:5:3: default of parameter replicas: \"9\" is refused; the rule"
                                + " is int from 1 to 5",
                        "typo.md:5:3: parameter speed: an enum lists its choices, and only an enum"
                                + " has choices",
                        "typo.md:5:3: parameter mode: unknown type \"colour\"; use string, int,"
                                + " duration, enum or target",
                        "typo.md:13:32: unknown placeholder \"{instanse}\"; did you mean"
                                + " \"{instance}\"?");
    }
}

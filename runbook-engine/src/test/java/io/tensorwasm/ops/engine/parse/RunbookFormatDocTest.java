package io.tensorwasm.ops.engine.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.engine.model.Action;
import io.tensorwasm.ops.engine.model.Allowlist;
import io.tensorwasm.ops.engine.model.OnFailure;
import io.tensorwasm.ops.engine.model.Runbook;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunbookFormatDocTest {

    private static final Path DOC = Path.of("../docs/RUNBOOK-FORMAT.md");

    @TempDir Path dir;

    @Test
    void everyMarkdownExampleInTheFormatDocLintsCleanAsOneCatalogue() throws IOException {
        List<String> examples = examples(Files.readAllLines(DOC));
        for (int i = 0; i < examples.size(); i++) {
            Files.writeString(dir.resolve("example-" + (i + 1) + ".md"), examples.get(i));
        }

        LintReport report = Catalog.lint(dir);

        assertThat(examples).hasSize(3);
        assertThat(report.problems()).isEmpty();
        assertThat(report.runbooks())
                .extracting(Runbook::id)
                .containsExactly("runtime-unhealthy", "dr-which-scenario", "smoke-deploy");
    }

    @Test
    void theSmokeExampleHandsOverAndReadsTheIdItsFirstStepGot() throws IOException {
        List<String> examples = examples(Files.readAllLines(DOC));
        Files.writeString(dir.resolve("alert.md"), examples.get(0));
        Files.writeString(dir.resolve("smoke.md"), examples.get(2));

        Runbook smoke = Catalog.lint(dir).runbook("smoke-deploy").orElseThrow();

        assertThat(smoke.step(1).orElseThrow().onFailure())
                .isEqualTo(OnFailure.handOver(0, "runtime-unhealthy"));
        assertThat(smoke.steps())
                .extracting(s -> s.action().text())
                .contains("http DELETE {runtime}/functions/{steps.1.body.id}");
        assertThat(LintReport.summary(smoke))
                .isEqualTo(
                        "smoke-deploy: 4 steps, 2m of 5m SLA; machine-checkable: 1, 2, 3; manual: none; no check: 4");
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

    @Test
    void theAllowlistParagraphNamesTheDefaultsAndTheOptionsTheEngineRefuses() throws IOException {
        String doc = String.join(" ", Files.readAllLines(DOC));
        Allowlist defaults = AllowlistFile.defaults();

        assertThat(quoted(between(doc, "programs that only read,", "and the tools")))
                .isEqualTo(new TreeSet<>(defaults.shell()));
        assertThat(quoted(between(doc, "and the tools", ". A deployment")))
                .isEqualTo(new TreeSet<>(defaults.cli()));
        for (String option : quoted(between(doc, "`journalctl` is refused", "and any abbrev"))) {
            assertThat(defaults.shellRefusal(List.of("journalctl", option)))
                    .as("journalctl " + option)
                    .isPresent();
        }
        for (String query : quoted(between(doc, "every option but its queries", "`ss`"))) {
            assertThat(
                            defaults.shellRefusal(
                                    List.of(
                                            "nvidia-smi",
                                            query + (query.endsWith("=") ? "csv" : ""))))
                    .as("nvidia-smi " + query)
                    .isEmpty();
        }
        assertThat(defaults.shellRefusal(List.of("nvidia-smi", "--gpu-reset"))).isPresent();
    }

    @Test
    void theTargetOperationsTableHasARowForEveryOperationAndAColumnForEveryAdapter()
            throws IOException {
        List<String> rows =
                Files.readAllLines(DOC).stream()
                        .dropWhile(l -> !l.equals("## Target operations"))
                        .dropWhile(l -> !l.startsWith("| Operation |"))
                        .takeWhile(l -> l.startsWith("|"))
                        .toList();
        Set<String> documented = new TreeSet<>();
        for (String row : rows.subList(2, rows.size())) {
            String[] cells = row.split("\\|");
            assertThat(cells).as(row).hasSize(6);
            documented.addAll(
                    quoted(cells[1]).stream().map(w -> w.replace(" VERSION", "")).toList());
        }

        assertThat(rows.get(0))
                .contains(
                        "LocalProcessTarget", "SystemdTarget", "KubernetesTarget", "ComposeTarget");
        assertThat(documented)
                .isEqualTo(
                        new TreeSet<>(
                                Arrays.stream(Action.Operation.values())
                                        .map(Action.Operation::word)
                                        .toList()));
    }

    private static String between(String text, String from, String to) {
        int start = text.indexOf(from);
        assertThat(start).as(from).isNotNegative();
        int end = text.indexOf(to, start + from.length());
        assertThat(end).as(to).isPositive();
        return text.substring(start + from.length(), end);
    }

    /** The words in backticks. */
    private static Set<String> quoted(String text) {
        Set<String> words = new TreeSet<>();
        Matcher m = Pattern.compile("`([^`]+)`").matcher(text);
        while (m.find()) {
            words.add(m.group(1));
        }
        return words;
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

package io.tensorwasm.ops.engine.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tensorwasm.ops.engine.model.Action;
import io.tensorwasm.ops.engine.model.Automation;
import io.tensorwasm.ops.engine.model.Branch;
import io.tensorwasm.ops.engine.model.Check;
import io.tensorwasm.ops.engine.model.Kind;
import io.tensorwasm.ops.engine.model.OnFailure;
import io.tensorwasm.ops.engine.model.Position;
import io.tensorwasm.ops.engine.model.Problem;
import io.tensorwasm.ops.engine.model.Query;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.model.RunbookFormatException;
import io.tensorwasm.ops.engine.model.Section;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownRunbooksTest {

    private static final Path GOOD = Path.of("src/test/resources/runbooks/good");

    @Test
    void readsFrontMatterSectionsAndStepsOfAnAlertRunbook() {
        LintReport report = Catalog.lint(GOOD.resolve("runtime-unhealthy.md"));

        assertThat(report.problems()).isEmpty();
        Runbook runbook = report.runbooks().get(0);
        assertThat(runbook.id()).isEqualTo("runtime-unhealthy");
        assertThat(runbook.title()).isEqualTo("Runtime unhealthy");
        assertThat(runbook.metadata().kind()).isEqualTo(Kind.ALERT);
        assertThat(runbook.metadata().automation()).isEqualTo(Automation.AUTO);
        assertThat(runbook.metadata().guardrails().maxRunsPerHour()).isEqualTo(2);
        assertThat(runbook.metadata().guardrails().cooldown()).isEqualTo(Duration.ofMinutes(15));
        assertThat(runbook.sections()).hasSize(9);
        assertThat(runbook.steps())
                .extracting(s -> s.action().text())
                .containsExactly(
                        "http GET {runtime}/healthz", "runtime restart", "check", "wait 5s");
        assertThat(runbook.step(2).orElseThrow().check().orElseThrow().text())
                .isEqualTo("health.status == \"ready\" within 1m");
        assertThat(runbook.step(2).orElseThrow().onFailure())
                .isEqualTo(new OnFailure(1, OnFailure.Then.ESCALATE, 0));
        assertThat(runbook.escalation()).startsWith("if the restart does not bring health back");
        assertThat(runbook.estimatedTotal()).isEqualTo(Duration.ofMinutes(4));
        assertThat(runbook.contentHash()).hasSize(64);
    }

    @Test
    void readsTheDisasterRecoveryDecisionTree() {
        LintReport report = Catalog.lint(GOOD);

        assertThat(report.problems()).isEmpty();
        Runbook triage = report.runbook("dr-triage").orElseThrow();
        Action.Decide first = (Action.Decide) triage.steps().get(0).action();
        assertThat(first.question()).isEqualTo("Is the host reachable over SSH or kubectl exec?");
        assertThat(first.branches())
                .containsExactly(new Branch("yes", 2, ""), new Branch("no", 0, "dr-lost-host"));
        Action.Decide last = (Action.Decide) triage.steps().get(2).action();
        assertThat(last.branches().get(0).ends()).isTrue();
        assertThat(report.runbooks())
                .extracting(Runbook::id)
                .containsExactly(
                        "dr-lost-auth",
                        "dr-lost-host",
                        "dr-lost-storage",
                        "dr-triage",
                        "runtime-unhealthy");
    }

    @Test
    void acceptsAndAndOrBecauseAPipeEndsATableCell() {
        String page =
                page(
                        "| 1 | `http GET {runtime}/healthz` | `status == 200 and body.ok or status == 204` | | abort | 1m |");

        Check check =
                Catalog.parse(Path.of("words.md"), page)
                        .get(0)
                        .steps()
                        .get(0)
                        .check()
                        .orElseThrow();

        assertThat(check.expression()).isEqualTo("status == 200 and body.ok or status == 204");
    }

    @Test
    void parseThrowsTheFirstProblemWithItsPosition() {
        String page = page("| 1 | `restrat` | | | abort | 1m |");

        assertThatThrownBy(() -> Catalog.parse(Path.of("runbooks/rollback.md"), page))
                .isInstanceOf(RunbookFormatException.class)
                .hasMessage(
                        "runbooks/rollback.md:8:8: unknown action verb \"restrat\"; did you mean \"target restart\"?");
    }

    @Test
    void readsEveryVerb() {
        String page =
                page(
                        "| 1 | `http POST {runtime}/functions {\"name\":\"x\"}` | | | abort | 1m |",
                        "| 2 | `promql sum(rate(tensor_wasm_http_requests_total[1m]))` | `value >= 0` | | abort | 1m |",
                        "| 3 | `cli tensor-wasm observe --once --json` | `exit_code == 0` | | abort | 1m |",
                        "| 4 | `wait 30s` | | | abort | 1m |",
                        "| 5 | `confirm \"Traffic drained?\"` | | | abort | 1m |",
                        "| 6 | `page sev-2 \"restart failed\"` | | | abort | 1m |",
                        "| 7 | `target logs` | | | abort | 1m |",
                        "| 8 | `shell pgrep -x supervisor` | `exit_code == 0` | | abort | 1m |",
                        "| 9 | `check` | `metric(\"up\", {\"job\": \"runtime\"}) == 1` | after 5s | abort | 1m |");

        List<Action> actions =
                Catalog.parse(Path.of("verbs.md"), page).get(0).steps().stream()
                        .map(s -> s.action())
                        .toList();

        assertThat(actions)
                .containsExactly(
                        new Action.Http("POST", "{runtime}/functions", "{\"name\":\"x\"}"),
                        new Action.Promql("sum(rate(tensor_wasm_http_requests_total[1m]))"),
                        new Action.Cli("tensor-wasm", List.of("observe", "--once", "--json")),
                        new Action.Wait(Duration.ofSeconds(30)),
                        new Action.Confirm("Traffic drained?"),
                        new Action.Page("sev-2", "restart failed"),
                        new Action.TargetOp(Action.Operation.LOGS, ""),
                        new Action.Shell("pgrep -x supervisor"),
                        new Action.CheckOnly());
    }

    @Test
    void keepsEachSectionsMarkdownAndItsPromqlBlocksWithTheParagraphBefore() {
        String text =
                "---\nid: queries\nkind: procedure\n---\n\n# Queries\n\n## First look\n\n"
                        + "Panel 7, *Burn rate*. Above `14.4` the\nincident is live.\n\n"
                        + "```promql\nsum(rate(x_total[5m]))\n```\n\n"
                        + "```promql\nup\n```\n\n## Related\n\n- rollback\n";

        Runbook runbook = Catalog.parse(Path.of("queries.md"), text).get(0);

        Section first = runbook.section("First look").orElseThrow();
        assertThat(first.queries())
                .containsExactly(
                        new Query(
                                "sum(rate(x_total[5m]))",
                                "Panel 7, Burn rate. Above 14.4 the incident is live.",
                                new Position(Path.of("queries.md"), 13, 1)),
                        new Query("up", "", new Position(Path.of("queries.md"), 17, 1)));
        assertThat(first.markdown()).startsWith("Panel 7, *Burn rate*.").endsWith("up\n```");
        assertThat(runbook.section("Related").orElseThrow().markdown()).isEqualTo("- rollback");
    }

    @Test
    void readsHandOversStepResultsAndDeleteRequests() {
        String text =
                page(
                        "| 1 | `http POST {runtime}/functions {\"name\":\"dr-smoke\"}` | `status == 201` | | retry 2 then runbook rollback | 1m |",
                        "| 2 | `http DELETE {runtime}/functions/{steps.1.body.id}` | `status == 204` | | runbook rollback | 1m |");

        LintReport report = Catalog.lint(Path.of("smoke.md"), text);

        Runbook runbook = report.runbooks().get(0);
        assertThat(runbook.step(1).orElseThrow().onFailure())
                .isEqualTo(OnFailure.handOver(2, "rollback"));
        assertThat(runbook.step(1).orElseThrow().onFailure().text())
                .isEqualTo("retry 2 then runbook rollback");
        assertThat(runbook.step(2).orElseThrow().action())
                .isEqualTo(new Action.Http("DELETE", "{runtime}/functions/{steps.1.body.id}", ""));
        assertThat(report.problems())
                .extracting(Problem::toString)
                .containsExactly(
                        "smoke.md:8:1: step 1 hands over to unknown runbook \"rollback\"",
                        "smoke.md:9:1: step 2 hands over to unknown runbook \"rollback\"");
    }

    @Test
    void lintsTheRunbooksOfAClassPathFolderInADirectory() {
        LintReport report = Catalog.lintResources("runbooks/good", getClass().getClassLoader());

        assertThat(report.problems()).isEmpty();
        assertThat(report.runbooks()).hasSize(5);
        assertThat(report.runbook("dr-triage").orElseThrow().position().file())
                .isEqualTo(Path.of("runbooks/good/dr-triage.md"));
    }

    @Test
    void lintsTheRunbooksOfAClassPathFolderInAJar(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("pages.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            // A folder has its own entry in a jar, as Maven writes them.
            out.putNextEntry(new JarEntry("pages/"));
            out.closeEntry();
            for (String name : List.of("dr-lost-host.md", "runtime-unhealthy.md")) {
                out.putNextEntry(new JarEntry("pages/" + name));
                out.write(Files.readAllBytes(GOOD.resolve(name)));
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("pages/broken.md"));
            out.write(page("| 1 | `restrat` | | | abort | 1m |").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }

        LintReport report;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            report = Catalog.lintResources("pages", loader);
        }

        assertThat(report.runbooks())
                .extracting(Runbook::id)
                .containsExactly("sample", "dr-lost-host", "runtime-unhealthy");
        assertThat(report.problems())
                .extracting(Problem::toString)
                .containsExactly(
                        "pages/broken.md:8:8: unknown action verb \"restrat\"; did you mean \"target restart\"?");
    }

    @Test
    void classPathFolderThatDoesNotExistIsNamed() {
        assertThatThrownBy(() -> Catalog.lintResources("nowhere", getClass().getClassLoader()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("nowhere: no such folder on the class path");
    }

    private static String page(String... rows) {
        return "---\nid: sample\nkind: procedure\n---\n\n| Step | Action | Expected | Within | On failure | Estimate |\n|---|---|---|---|---|---|\n"
                + String.join("\n", rows)
                + "\n";
    }
}

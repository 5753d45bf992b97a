package io.tensorwasm.ops.runbooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RunbookPagesTest {

    static final List<String> ALERT_PAGES =
            List.of(
                    "availability-fast-burn",
                    "availability-slow-burn",
                    "availability-very-slow-burn",
                    "dispatch-latency-spike",
                    "healthz-slow",
                    "invoke-latency-spike");
    static final List<String> PROCEDURE_PAGES =
            List.of("disaster-recovery", "oncall-paging", "rollback", "trace-id", "upgrade");
    static final List<String> CONTRACT =
            List.of(
                    "What this alert means",
                    "Symptoms users see",
                    "First-look queries",
                    "Mitigation steps",
                    "Verification",
                    "Root-cause hypotheses",
                    "When to page",
                    "Postmortem checklist",
                    "Related");

    private static final List<RunbookPage> PAGES = RunbookCatalogue.load();
    private static final Pattern CAPTION = Pattern.compile("Panel [0-9]+, [^.]+\\. \\S.{20,}");
    private static final Pattern EMOJI =
            Pattern.compile("[\\x{1F000}-\\x{1FAFF}\\x{2600}-\\x{27BF}\\x{FE0F}]");

    @Test
    void catalogueHoldsTheSixAlertPagesAndTheFiveProcedures() {
        assertThat(ids("alert")).containsExactlyElementsOf(ALERT_PAGES);
        assertThat(ids("procedure")).containsExactlyElementsOf(PROCEDURE_PAGES);
    }

    @Test
    void frontMatterNamesIdKindSeverityDashboardAutomationSlaAndTargets() {
        for (RunbookPage page : PAGES) {
            assertThat(page.front("id")).as(page.source()).isEqualTo(page.id());
            assertThat(page.front("dashboard")).as(page.source()).isEqualTo("tensor-wasm-overview");
            assertThat(page.front("automation")).as(page.source()).isIn("off", "suggest", "auto");
            assertThat(StepGrammar.duration(page.front("sla"))).as(page.source()).isPositive();
            assertThat(page.frontList("targets")).as(page.source()).containsExactly("runtime");
            if (page.front("kind").equals("alert")) {
                assertThat(page.front("severity")).as(page.source()).isIn("page", "ticket");
                assertThat(page.front("alert")).as(page.source()).startsWith("TensorWasm");
                assertThat(page.front("slo")).as(page.source()).isNotBlank();
            } else {
                assertThat(page.front("severity")).as(page.source()).isEqualTo("manual");
                assertThat(page.front()).as(page.source()).doesNotContainKey("alert");
            }
        }
    }

    @Test
    void alertPagesHaveTheNineContractSectionsInOrder() {
        for (RunbookPage page : alertPages()) {
            assertThat(page.headings()).as(page.source()).containsExactlyElementsOf(CONTRACT);
        }
    }

    @Test
    void firstLookQueriesAreTwoToFourAndEachNamesItsPanelAndMeaning() {
        for (RunbookPage page : alertPages()) {
            List<RunbookPage.Query> queries =
                    page.section("First-look queries").orElseThrow().queries();
            assertThat(queries).as(page.source()).hasSizeBetween(2, 4);
            for (RunbookPage.Query query : queries) {
                assertThat(query.caption())
                        .as(
                                "%s:%d: the paragraph before a promql block names its panel",
                                page.source(), query.line())
                        .matches(CAPTION);
            }
        }
    }

    @Test
    void rootCauseTableRanksFiveHypothesesWithConfirmationAndRemediation() {
        for (RunbookPage page : alertPages()) {
            List<RunbookPage.Table> tables =
                    page.section("Root-cause hypotheses").orElseThrow().tables();
            assertThat(tables).as(page.source()).hasSize(1);
            assertThat(tables.get(0).header())
                    .containsExactly("Hypothesis", "Confirmation", "Remediation");
            List<List<String>> rows = tables.get(0).rows();
            assertThat(rows).as(page.source()).hasSize(5);
            for (int i = 0; i < rows.size(); i++) {
                assertThat(rows.get(i).get(0)).as(page.source()).startsWith((i + 1) + ". ");
                assertThat(rows.get(i)).as(page.source()).allMatch(cell -> cell.length() > 10);
            }
        }
    }

    @Test
    void whenToPageNamesANumberAndThePostmortemListHasFiveToSevenItems() {
        for (RunbookPage page : alertPages()) {
            assertThat(page.section("When to page").orElseThrow().text())
                    .as(page.source())
                    .containsPattern("[0-9]")
                    .contains("oncall-paging");
            assertThat(page.section("Postmortem checklist").orElseThrow().items())
                    .as(page.source())
                    .hasSizeBetween(5, 7);
        }
    }

    @Test
    void mitigationAndVerificationAreStepsTables() {
        for (RunbookPage page : alertPages()) {
            for (String title : List.of("Mitigation steps", "Verification")) {
                assertThat(page.section(title).orElseThrow().tables())
                        .as("%s: %s", page.source(), title)
                        .extracting(RunbookPage.Table::header)
                        .containsExactly(RunbookPage.STEP_COLUMNS);
            }
        }
    }

    @Test
    void pagesCarryNoEmoji() throws Exception {
        for (RunbookPage page : PAGES) {
            String text = Files.readString(Path.of("src/main/resources", page.source()));
            assertThat(EMOJI.matcher(text).find()).as(page.source()).isFalse();
        }
        assertThat(EMOJI.matcher(Files.readString(Path.of("README.md"))).find()).isFalse();
    }

    @Test
    void rollbackCoversEveryShapeAndItsOwnFailure() {
        assertThat(RunbookCatalogue.page("rollback").headings())
                .containsSubsequence(
                        "A. systemd symlink swap",
                        "B. Docker",
                        "C. Docker Compose",
                        "D. Kubernetes",
                        "When the rollback itself fails",
                        "Verification");
    }

    @Test
    void disasterRecoveryWalksTheTreeThenScenariosOneTwoThreeThenExecutableChecks() {
        RunbookPage dr = RunbookCatalogue.page("disaster-recovery");
        assertThat(dr.headings())
                .containsSubsequence(
                        "Severity assessment",
                        "Scenario 1: lost host",
                        "Scenario 2: lost storage",
                        "Scenario 3: lost auth state",
                        "Verification");
        List<String> checks =
                dr.section("Verification").orElseThrow().tables().get(0).rows().stream()
                        .map(r -> r.get(1) + " => " + r.get(2))
                        .toList();
        assertThat(checks)
                .containsExactly(
                        "http GET {runtime}/healthz => status == 200 && body.status == \"ok\"",
                        "promql sum(increase(tensor_wasm_http_requests_total[2m])) => value > 0",
                        "cli tensor-wasm observe --once --json => exit_code == 0",
                        "http POST {runtime}/functions {\"name\":\"dr-smoke\",\"wasm_b64\":\"AGFzbQEAAAA=\"}"
                                + " => status >= 200 && status < 300 && body.id != \"\"",
                        "http DELETE {runtime}/functions/{steps.34.body.id} => status >= 200 && status < 300",
                        "shell grep -c {steps.34.body.id} /var/lib/tensor-wasm/audit.log"
                                + " => exit_code == 0 && stdout.startsWith(\"2\")",
                        "promql count(ALERTS{alertstate=\"firing\"}) or vector(0) => value == 0");
    }

    @Test
    void upgradePreflightRefusesLessThanThirtyPercentBudgetAndVerifiesEveryReplica() {
        RunbookPage upgrade = RunbookCatalogue.page("upgrade");
        assertThat(upgrade.steps())
                .anySatisfy(
                        s -> {
                            assertThat(s.action())
                                    .isEqualTo(
                                            "promql tensor_wasm:invoke_error_budget:remaining_ratio30d");
                            assertThat(s.expected()).isEqualTo("value >= 0.3");
                            assertThat(s.onFailure()).isEqualTo("abort");
                        });
        assertThat(upgrade.headings())
                .containsSubsequence(
                        "Pre-flight",
                        "Strategy A: rolling",
                        "Strategy B: blue/green",
                        "Strategy C: in-place",
                        "Time budget per strategy",
                        "Post-upgrade verification",
                        "Communications template");
        assertThat(
                        upgrade.section("Post-upgrade verification")
                                .orElseThrow()
                                .tables()
                                .get(0)
                                .rows())
                .extracting(r -> r.get(1))
                .contains(
                        "promql count(count by (version) (tensor_wasm_build_info))",
                        "promql count(tensor_wasm_build_info{version=\"{target_version}\"}) - tensor_wasm:replicas_up:count");
    }

    @Test
    void oncallPagingEscalatesPrimarySecondaryLeadThenRotationBroken() {
        RunbookPage paging = RunbookCatalogue.page("oncall-paging");
        assertThat(paging.steps())
                .extracting(RunbookPage.Step::action)
                .anyMatch(a -> a.startsWith("page {severity} primary"))
                .anyMatch(a -> a.startsWith("page {severity} secondary"))
                .anyMatch(a -> a.startsWith("page {severity} lead"))
                .anyMatch(a -> a.contains("rotation broken"));
        assertThat(paging.steps())
                .filteredOn(s -> s.action().startsWith("page "))
                .allSatisfy(s -> assertThat(s.within()).isEqualTo("5m"));
        assertThat(paging.headings())
                .containsSubsequence("Severity", "Steps", "Handoff", "Deferral");
    }

    private static List<String> ids(String kind) {
        return PAGES.stream()
                .filter(p -> p.front("kind").equals(kind))
                .map(RunbookPage::id)
                .toList();
    }

    private static List<RunbookPage> alertPages() {
        return PAGES.stream().filter(p -> p.front("kind").equals("alert")).toList();
    }
}

package io.tensorwasm.ops.runbooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.engine.model.Action;
import io.tensorwasm.ops.engine.model.Automation;
import io.tensorwasm.ops.engine.model.Kind;
import io.tensorwasm.ops.engine.model.OnFailure;
import io.tensorwasm.ops.engine.model.Problem;
import io.tensorwasm.ops.engine.model.Query;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.model.Section;
import io.tensorwasm.ops.engine.model.Step;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
                    "invoke-latency-spike",
                    "runtime-down");
    static final List<String> PROCEDURE_PAGES =
            List.of(
                    "cve-disclosure-dry-run",
                    "disaster-recovery",
                    "fleet-upgrade",
                    "ghcr-registry-provisioning",
                    "oncall-paging",
                    "rollback-member",
                    "rollback",
                    "self-hosted-cuda-runner",
                    "trace-id",
                    "upgrade");
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

    private static final Pattern CAPTION = Pattern.compile("Panel [0-9]+, [^.]+\\. \\S.{20,}");
    private static final Pattern EMOJI =
            Pattern.compile("[\\x{1F000}-\\x{1FAFF}\\x{2600}-\\x{27BF}\\x{FE0F}]");

    @Test
    void everyPageParsesAndLintsCleanThroughTheEngine() {
        assertThat(Pages.CATALOGUE.problems()).extracting(Problem::toString).isEmpty();
        assertThat(Pages.all()).hasSize(ALERT_PAGES.size() + PROCEDURE_PAGES.size());
    }

    @Test
    void catalogueHoldsTheSevenAlertPagesAndTheTenProcedures() {
        assertThat(ids(Kind.ALERT)).containsExactlyElementsOf(ALERT_PAGES);
        assertThat(ids(Kind.PROCEDURE)).containsExactlyElementsOf(PROCEDURE_PAGES);
    }

    @Test
    void frontMatterNamesTheFileDashboardSlaTotalAndTheRuntimeTarget() {
        for (Runbook page : Pages.all()) {
            String where = page.position().file().toString();
            assertThat(where).as(where).isEqualTo("runbooks/" + page.id() + ".md");
            assertThat(page.metadata().dashboard()).as(where).isEqualTo("tensor-wasm-overview");
            assertThat(page.metadata().sla()).as(where).isPresent();
            assertThat(page.metadata().total()).as(where).contains(page.estimatedTotal());
            assertThat(page.metadata().targets()).as(where).containsExactly("runtime");
            if (page.metadata().kind() == Kind.ALERT) {
                assertThat(page.metadata().alert()).as(where).startsWith("TensorWasm");
                assertThat(page.metadata().slo()).as(where).isNotBlank();
                // sev-3 for a ticket alert: alerts/CatalogueConsistencyTest matches it to the rule.
                assertThat(page.metadata().severity()).as(where).isIn("sev-1", "sev-2", "sev-3");
            } else {
                assertThat(page.metadata().alert()).as(where).isEmpty();
            }
        }
    }

    @Test
    void alertPagesEscalateAtTheSeverityTheirFrontMatterNames() {
        for (Runbook page : Pages.alerts()) {
            assertThat(page.escalation())
                    .as(page.id())
                    .contains("oncall-paging")
                    .contains(page.metadata().severity());
        }
    }

    @Test
    void alertPagesHaveTheNineContractSectionsInOrder() {
        for (Runbook page : Pages.alerts()) {
            assertThat(page.sections())
                    .as(page.id())
                    .extracting(Section::title)
                    .containsExactlyElementsOf(CONTRACT);
        }
    }

    @Test
    void firstLookQueriesAreTwoToFourAndEachNamesItsPanelAndMeaning() {
        for (Runbook page : Pages.alerts()) {
            List<Query> queries = page.section("First-look queries").orElseThrow().queries();
            assertThat(queries).as(page.id()).hasSizeBetween(2, 4);
            for (Query query : queries) {
                assertThat(query.caption())
                        .as(
                                "%s: the paragraph before a promql block names its panel",
                                query.position())
                        .matches(CAPTION);
            }
        }
    }

    @Test
    void rootCauseTableRanksFiveHypothesesWithConfirmationAndRemediation() {
        for (Runbook page : Pages.alerts()) {
            Section section = page.section("Root-cause hypotheses").orElseThrow();
            assertThat(Pages.headers(section))
                    .as(page.id())
                    .containsExactly(List.of("Hypothesis", "Confirmation", "Remediation"));
            List<List<String>> rows = Pages.rows(section);
            assertThat(rows).as(page.id()).hasSize(5);
            for (int i = 0; i < rows.size(); i++) {
                assertThat(rows.get(i).get(0)).as(page.id()).startsWith((i + 1) + ". ");
                assertThat(rows.get(i)).as(page.id()).allMatch(cell -> cell.length() > 10);
            }
        }
    }

    @Test
    void whenToPageNamesANumberAndThePostmortemListHasFiveToSevenItems() {
        for (Runbook page : Pages.alerts()) {
            assertThat(page.section("When to page").orElseThrow().markdown())
                    .as(page.id())
                    .containsPattern("[0-9]")
                    .contains("oncall-paging");
            assertThat(Pages.bullets(page.section("Postmortem checklist").orElseThrow()))
                    .as(page.id())
                    .hasSizeBetween(5, 7);
        }
    }

    @Test
    void mitigationAndVerificationHoldTheSteps() {
        for (Runbook page : Pages.alerts()) {
            List<Step> mitigation = Pages.steps(page, "Mitigation steps");
            List<Step> verification = Pages.steps(page, "Verification");
            assertThat(mitigation).as(page.id()).isNotEmpty();
            assertThat(verification).as(page.id()).isNotEmpty();
            assertThat(mitigation.size() + verification.size())
                    .as("%s: every step is a mitigation or a verification", page.id())
                    .isEqualTo(page.steps().size());
        }
    }

    @Test
    void pagesCarryNoEmoji() throws IOException {
        for (Runbook page : Pages.all()) {
            String text = resource(page.position().file().toString());
            assertThat(EMOJI.matcher(text).find()).as(page.id()).isFalse();
        }
        assertThat(EMOJI.matcher(Files.readString(Path.of("README.md"))).find()).isFalse();
    }

    @Test
    void anAlertThatFindsARecentReleaseHandsOverToRollback() {
        for (String id :
                List.of(
                        "availability-fast-burn",
                        "availability-slow-burn",
                        "invoke-latency-spike")) {
            Step first = Pages.page(id).step(1).orElseThrow();
            assertThat(first.action().text())
                    .as(id)
                    .contains("count_over_time(tensor_wasm_build_info");
            assertThat(first.onFailure()).as(id).isEqualTo(OnFailure.handOver(0, "rollback"));
        }
        assertThat(Pages.page("healthz-slow").step(1).orElseThrow().onFailure().runbook())
                .isEqualTo("availability-fast-burn");
    }

    @Test
    void rollbackIsATargetActionOnEveryShapeWithItsOwnFailureAndHandsOverToDisasterRecovery() {
        Runbook rollback = Pages.page("rollback");

        assertThat(rollback.sections())
                .extracting(Section::title)
                .containsSubsequence("Roll back", "When the rollback itself fails", "Verification");
        assertThat(rollback.steps())
                .extracting(s -> s.action().text())
                .contains("target rollback", "target config restore", "target audit verify")
                .noneMatch(text -> text.startsWith("shell"));
        assertThat(rollback.steps())
                .filteredOn(s -> s.action() instanceof Action.Decide d && !s.check().isEmpty())
                .extracting(s -> ((Action.Decide) s.action()).branches().get(0).step())
                .containsOnly(9);
        assertThat(rollback.step(8).orElseThrow().onFailure().runbook())
                .isEqualTo("disaster-recovery");
    }

    @Test
    void disasterRecoveryWalksTheTreeThenScenariosOneTwoThreeThenExecutableChecks() {
        Runbook dr = Pages.page("disaster-recovery");

        assertThat(dr.sections())
                .extracting(Section::title)
                .containsSubsequence(
                        "Severity assessment",
                        "Scenario 1: lost host",
                        "Scenario 2: lost storage",
                        "Scenario 3: lost auth state",
                        "Verification");
        assertThat(dr.step(22).orElseThrow().check().orElseThrow().expression())
                .isEqualTo("steps[21].status == 200");
        assertThat(Pages.steps(dr, "Verification"))
                .extracting(s -> s.action().text() + " => " + s.check().orElseThrow().expression())
                .containsExactly(
                        "http GET {runtime}/healthz => status == 200 and body.status == \"ok\"",
                        "promql sum(increase(tensor_wasm_http_requests_total{route!=\"/metrics\"}[2m]))"
                                + " => value > 0",
                        "cli tensor-wasm observe --once --json => exit_code == 0",
                        "http POST {runtime}/functions {\"name\":\"dr-smoke\",\"wasm_b64\":\"AGFzbQEAAAA=\"}"
                                + " => status == 201 and body.id != \"\"",
                        "http DELETE {runtime}/functions/{steps.35.body.id} => status == 204",
                        "shell grep -c {steps.35.body.id} {audit_log}"
                                + " => exit_code == 0 and output == \"2\"",
                        "target audit verify => exit_code == 0",
                        "target audit archive => exit_code == 0",
                        "promql count(ALERTS{alertstate=\"firing\"}) or vector(0) => value == 0");
    }

    @Test
    void upgradePreflightRefusesLessThanThirtyPercentBudgetAndVerifiesEveryReplica() {
        Runbook upgrade = Pages.page("upgrade");

        assertThat(upgrade.steps())
                .anySatisfy(
                        s -> {
                            assertThat(s.action().text())
                                    .isEqualTo(
                                            "promql tensor_wasm:invoke_error_budget:remaining_ratio30d");
                            assertThat(s.check().orElseThrow().expression())
                                    .isEqualTo("value >= 0.3");
                            assertThat(s.onFailure()).isEqualTo(OnFailure.ABORT);
                        });
        assertThat(upgrade.sections())
                .extracting(Section::title)
                .containsSubsequence(
                        "Pre-flight",
                        "Upgrade",
                        "Time budget per strategy",
                        "Post-upgrade verification",
                        "Communications template");
        assertThat(Pages.steps(upgrade, "Pre-flight"))
                .extracting(s -> s.action().text())
                .contains(
                        "target config save",
                        "target audit archive",
                        "target audit verify",
                        "target drain");
        assertThat(upgrade.steps())
                .extracting(s -> s.action().text())
                .contains("target upgrade {target_version}")
                .noneMatch(text -> text.startsWith("shell cp") || text.startsWith("shell ln"));
        List<Step> verification = Pages.steps(upgrade, "Post-upgrade verification");
        assertThat(verification)
                .extracting(s -> s.action().text())
                .contains(
                        "promql count(count by (version) (tensor_wasm_build_info))",
                        "promql count(tensor_wasm_build_info{version=\"{target_version}\"}) - tensor_wasm:replicas_up:count");
        assertThat(verification)
                .filteredOn(s -> s.check().isPresent())
                .extracting(s -> s.onFailure().runbook())
                .containsOnly("rollback", "");
        assertThat(upgrade.metadata().vars()).containsEntry("target_version", "");
    }

    @Test
    void oncallPagingPagesTheRotationThenHandsOffOrDeclaresItBroken() {
        Runbook paging = Pages.page("oncall-paging");

        assertThat(paging.steps())
                .extracting(s -> s.action())
                .contains(
                        new Action.Page(
                                "{severity}",
                                "tensor-wasm: alert firing; incident, runbook and dashboard linked"));
        assertThat(paging.steps())
                .extracting(s -> s.action().text())
                .anyMatch(
                        a ->
                                a.startsWith("decide")
                                        && a.contains("primary")
                                        && a.contains("secondary")
                                        && a.contains("lead"))
                .anyMatch(a -> a.contains("rotation broken"));
        assertThat(paging.metadata().vars()).containsEntry("severity", "sev-2");
        assertThat(paging.sections())
                .extracting(Section::title)
                .containsSubsequence("Severity", "Steps", "Handoff", "Rotation broken", "Deferral");
    }

    @Test
    void runtimeDownRunsByItselfWithoutAPerson() {
        Runbook down = Pages.page("runtime-down");

        assertThat(down.metadata().automation()).isEqualTo(Automation.AUTO);
        assertThat(down.steps()).noneMatch(Step::needsPerson);
    }

    private static List<String> ids(Kind kind) {
        return Pages.all().stream()
                .filter(r -> r.metadata().kind() == kind)
                .map(Runbook::id)
                .toList();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = RunbookPagesTest.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + ": not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

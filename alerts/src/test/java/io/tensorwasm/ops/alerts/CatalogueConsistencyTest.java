package io.tensorwasm.ops.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.engine.model.Kind;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.parse.Catalog;
import io.tensorwasm.ops.engine.parse.LintReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogueConsistencyTest {

    /**
     * The severities an alert's runbook may name, by the alert's own severity (issue #17): the
     * rule's label decides whether it pages, so a ticket's runbook is sev-3 and never pages, even
     * when its run escalates; a page's runbook says how loud, sev-1 or sev-2. DEPLOYMENT.md,
     * "Severity", says the same.
     */
    private static final Map<String, List<String>> ESCALATIONS =
            Map.of("page", List.of("sev-1", "sev-2"), "ticket", List.of("sev-3"));

    private static final List<Rule> ALERTS =
            RuleFiles.rules(SloSpec.load(), "production", BaseUrls.DEFAULTS).stream()
                    .filter(Rule::alert)
                    .toList();
    private static final LintReport RUNBOOKS =
            Catalog.lintResources("runbooks", CatalogueConsistencyTest.class.getClassLoader());
    private static final List<Runbook> ALERT_PAGES =
            RUNBOOKS.runbooks().stream().filter(r -> r.metadata().kind() == Kind.ALERT).toList();

    @Test
    void runbookIndexListsEveryAlertRuleAndNothingElse() {
        List<List<String>> index = Repository.indexRows("runbooks/README.md");

        assertThat(index.stream().map(r -> List.of(r.get(0), r.get(2), r.get(3))))
                .containsExactlyElementsOf(
                        ALERTS.stream()
                                .map(
                                        a ->
                                                List.of(
                                                        a.name(),
                                                        a.labels().get("severity"),
                                                        runbookId(a)))
                                .toList());
    }

    @Test
    void sloDocumentCarriesTheSameIndexAsTheRunbooks() {
        assertThat(Repository.indexRows("docs/SLO.md"))
                .hasSize(7)
                .containsExactlyElementsOf(Repository.indexRows("runbooks/README.md"));
    }

    @Test
    void everyAlertPageBelongsToARuleWithTheSameSloAndAFittingSeverity() {
        assertThat(RUNBOOKS.problems()).isEmpty();
        assertThat(ALERT_PAGES.stream().map(Runbook::id))
                .containsExactlyInAnyOrderElementsOf(
                        ALERTS.stream().map(CatalogueConsistencyTest::runbookId).toList());
        for (Runbook page : ALERT_PAGES) {
            Rule rule =
                    ALERTS.stream()
                            .filter(a -> a.name().equals(page.metadata().alert()))
                            .findFirst()
                            .orElseThrow();
            assertThat(runbookId(rule)).as(page.id()).isEqualTo(page.id());
            assertThat(ESCALATIONS.get(rule.labels().get("severity")))
                    .as("%s: a %s alert escalates at", page.id(), rule.labels().get("severity"))
                    .contains(page.metadata().severity());
            assertThat(rule.labels().get("slo")).as(page.id()).isEqualTo(page.metadata().slo());
        }
    }

    @Test
    void everyRunbookUrlNamesAPageOfTheCatalogue() {
        for (Rule alert : ALERTS) {
            assertThat(alert.annotations().get("runbook_url"))
                    .as(alert.name())
                    .startsWith(BaseUrls.DEFAULTS.console() + "/runbooks/");
            assertThat(RUNBOOKS.runbook(runbookId(alert)).orElseThrow().metadata().alert())
                    .isEqualTo(alert.name());
        }
    }

    private static String runbookId(Rule alert) {
        String url = alert.annotations().get("runbook_url");
        return url.substring(url.lastIndexOf('/') + 1);
    }
}

package io.tensorwasm.ops.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.runbooks.RunbookCatalogue;
import io.tensorwasm.ops.runbooks.RunbookPage;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogueConsistencyTest {

    private static final List<Rule> ALERTS =
            RuleFiles.rules(SloSpec.load(), "production", BaseUrls.DEFAULTS).stream()
                    .filter(Rule::alert)
                    .toList();
    private static final List<RunbookPage> ALERT_PAGES =
            RunbookCatalogue.load().stream().filter(p -> p.front("kind").equals("alert")).toList();

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
                .hasSize(6)
                .containsExactlyElementsOf(Repository.indexRows("runbooks/README.md"));
    }

    @Test
    void everyAlertPageBelongsToARuleWithTheSameSeverityAndSlo() {
        assertThat(ALERT_PAGES.stream().map(RunbookPage::id))
                .containsExactlyInAnyOrderElementsOf(
                        ALERTS.stream().map(CatalogueConsistencyTest::runbookId).toList());
        for (RunbookPage page : ALERT_PAGES) {
            Rule rule =
                    ALERTS.stream()
                            .filter(a -> a.name().equals(page.front("alert")))
                            .findFirst()
                            .orElseThrow();
            assertThat(runbookId(rule)).as(page.source()).isEqualTo(page.id());
            assertThat(rule.labels().get("severity"))
                    .as(page.source())
                    .isEqualTo(page.front("severity"));
            assertThat(rule.labels().get("slo")).as(page.source()).isEqualTo(page.front("slo"));
        }
    }

    @Test
    void everyRunbookUrlNamesAPageOfTheCatalogue() {
        for (Rule alert : ALERTS) {
            assertThat(alert.annotations().get("runbook_url"))
                    .as(alert.name())
                    .startsWith(BaseUrls.DEFAULTS.console() + "/runbooks/");
            assertThat(RunbookCatalogue.page(runbookId(alert)).front("alert"))
                    .isEqualTo(alert.name());
        }
    }

    private static String runbookId(Rule alert) {
        String url = alert.annotations().get("runbook_url");
        return url.substring(url.lastIndexOf('/') + 1);
    }
}

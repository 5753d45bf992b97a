package io.tensorwasm.ops.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tensorwasm.ops.engine.model.Query;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.model.Section;
import io.tensorwasm.ops.engine.parse.Catalog;
import io.tensorwasm.ops.engine.parse.LintReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DashboardConsistencyTest {

    private static final Pattern DASHBOARD_URL =
            Pattern.compile(
                    "https?://[^/]+/d/([a-z0-9-]+)/([a-z0-9-]+)\\?viewPanel=([0-9]+)&from=now-[0-9]+[mhd]&to=now");
    private static final Pattern CAPTION = Pattern.compile("Panel ([0-9]+), ([^.]+)\\. .*");
    private static final Pattern INVENTORY_ROW =
            Pattern.compile("\\| ([0-9]+) \\| (.+?) \\| `(.+)` \\| (.+) \\|");

    private static final LintReport RUNBOOKS =
            Catalog.lintResources("runbooks", DashboardConsistencyTest.class.getClassLoader());

    private final Map<Integer, JsonNode> panels =
            Catalogue.panels().stream()
                    .collect(Collectors.toMap(p -> p.path("id").asInt(), p -> p));

    @Test
    void everyAlertDashboardUrlOpensAnExistingPanelOfThisDashboard() {
        List<String> urls = new ArrayList<>();
        for (JsonNode rule : Catalogue.rules().path("groups").get(0).path("rules")) {
            if (rule.has("alert")) {
                urls.add(rule.path("annotations").path("dashboard_url").asText());
            }
        }

        assertThat(urls).hasSize(7);
        for (String url : urls) {
            Matcher m = DASHBOARD_URL.matcher(url);
            assertThat(m.matches()).as(url).isTrue();
            assertThat(m.group(1)).as(url).isEqualTo(Catalogue.dashboard().path("uid").asText());
            JsonNode panel = panels.get(Integer.parseInt(m.group(3)));
            assertThat(panel).as("%s: no panel %s", url, m.group(3)).isNotNull();
            assertThat(panel.path("type").asText()).as(url).isNotEqualTo("row");
        }
    }

    @Test
    void everyFirstLookQueryHasThePanelItsCaptionNamesWithTheSameExpression() {
        int checked = 0;
        assertThat(RUNBOOKS.problems()).isEmpty();
        for (Runbook page : RUNBOOKS.runbooks()) {
            for (Query query : firstLook(page)) {
                String where = query.position().toString();
                Matcher m = CAPTION.matcher(query.caption());
                assertThat(m.matches()).as(where).isTrue();
                JsonNode panel = panels.get(Integer.parseInt(m.group(1)));
                assertThat(panel).as("%s: no panel %s", where, m.group(1)).isNotNull();
                assertThat(panel.path("title").asText()).as(where).isEqualTo(m.group(2));
                assertThat(expressions(panel)).as(where).contains(query.expression());
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(28);
    }

    @Test
    void inventoryListsExactlyTheDashboardsPanelsAndExpressionsInOrder() {
        List<String> dashboard = new ArrayList<>();
        for (JsonNode panel : Catalogue.panels()) {
            for (String expr : expressions(panel)) {
                dashboard.add(
                        panel.path("id").asInt()
                                + " | "
                                + panel.path("title").asText()
                                + " | "
                                + expr);
            }
        }

        assertThat(inventory().stream().map(r -> r[0] + " | " + r[1] + " | " + r[2]).toList())
                .containsExactlyElementsOf(dashboard);
    }

    @Test
    void inventoryNamesTheRunbooksWhoseFirstLookQueriesUseEachExpression() {
        for (Runbook page : RUNBOOKS.runbooks()) {
            for (Query query : firstLook(page)) {
                assertThat(inventory())
                        .as("%s: %s", query.position(), query.expression())
                        .anyMatch(
                                r ->
                                        r[2].equals(query.expression())
                                                && List.of(r[3].split(", ")).contains(page.id()));
            }
        }
    }

    private static List<Query> firstLook(Runbook page) {
        return page.section("First-look queries").map(Section::queries).orElse(List.of());
    }

    private static List<String> expressions(JsonNode panel) {
        List<String> exprs = new ArrayList<>();
        panel.path("targets").forEach(t -> exprs.add(t.path("expr").asText()));
        return exprs;
    }

    private static List<String[]> inventory() {
        List<String[]> rows = new ArrayList<>();
        for (String line : Catalogue.read(Catalogue.INVENTORY).split("\n")) {
            Matcher m = INVENTORY_ROW.matcher(line);
            if (m.matches()) {
                rows.add(new String[] {m.group(1), m.group(2), m.group(3), m.group(4)});
            }
        }
        return rows;
    }
}

package io.tensorwasm.ops.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class DashboardTest {

    private final JsonNode dashboard = Catalogue.dashboard();
    private final List<JsonNode> panels = Catalogue.panels();

    @Test
    void dashboardHasACurrentSchemaAndAStableUid() {
        assertThat(dashboard.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(39);
        assertThat(dashboard.path("uid").asText()).isEqualTo("tensor-wasm-overview");
        assertThat(dashboard.path("title").asText()).isEqualTo("TensorWasm overview");
        assertThat(dashboard.path("id").isNull())
                .as("an exported id would clash on import")
                .isTrue();
    }

    @Test
    void panelIdsAreUnique() {
        List<Integer> ids = panels.stream().map(p -> p.path("id").asInt()).toList();

        assertThat(ids).doesNotHaveDuplicates().doesNotContain(0);
    }

    @Test
    void rowsComeInTheOrderSlisBudgetBurnRateFirstLook() {
        assertThat(
                        panels.stream()
                                .filter(p -> p.path("type").asText().equals("row"))
                                .map(p -> p.path("title").asText()))
                .containsExactly(
                        "Service level indicators",
                        "Error budget",
                        "Burn rate",
                        "First-look queries");
    }

    @Test
    void firstRowHoldsTheFiveSlis() {
        List<Integer> firstRow =
                panels.stream()
                        .filter(p -> !p.path("type").asText().equals("row"))
                        .filter(p -> p.path("gridPos").path("y").asInt() == 1)
                        .map(p -> p.path("id").asInt())
                        .toList();

        assertThat(firstRow).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void everyPanelQueriesPrometheusThroughTheDatasourceVariable() {
        for (JsonNode panel : panels) {
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            assertThat(panel.path("targets")).as("panel %s", panel.path("id")).isNotEmpty();
            assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("expr").asText())
                        .as("panel %s", panel.path("id"))
                        .isNotBlank();
            }
        }
        assertThat(dashboard.path("templating").path("list").get(0).path("name").asText())
                .isEqualTo("datasource");
    }
}

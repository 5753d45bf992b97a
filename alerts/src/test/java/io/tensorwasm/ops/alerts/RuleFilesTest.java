package io.tensorwasm.ops.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleFilesTest {

    private static final SloSpec SPEC = SloSpec.load();

    @Test
    void committedProductionRuleFileIsTheGeneratorOutput() throws Exception {
        String committed =
                Files.readString(Path.of("src/main/resources/rules/tensor-wasm.rules.yml"));

        assertThat(committed)
                .as("rules/tensor-wasm.rules.yml is stale: regenerate it as alerts/README.md says")
                .isEqualTo(RuleFiles.generate(SPEC, "production", BaseUrls.DEFAULTS));
    }

    @Test
    void testProfileChangesOnlyDurations() {
        List<Rule> production = RuleFiles.rules(SPEC, "production", BaseUrls.DEFAULTS);
        List<Rule> test = RuleFiles.rules(SPEC, "test", BaseUrls.DEFAULTS);

        assertThat(test).hasSameSizeAs(production);
        for (int i = 0; i < production.size(); i++) {
            Rule p = production.get(i);
            Rule t = test.get(i);
            assertThat(t.name()).isEqualTo(p.name());
            assertThat(t.labels()).isEqualTo(p.labels());
            assertThat(t.annotations()).isEqualTo(p.annotations());
            assertThat(withoutRanges(t.expr())).isEqualTo(withoutRanges(p.expr()));
            assertThat(t.hold().isEmpty()).isEqualTo(p.hold().isEmpty());
        }
        assertThat(rule(test, "tensor_wasm:invoke_errors:ratio_rate5m").expr()).contains("[10s]");
        assertThat(rule(test, "TensorWasmAvailabilityFastBurn").hold()).isEqualTo("2s");
    }

    @Test
    void baseUrlsFlowIntoEveryAlertsLinks() {
        BaseUrls urls = BaseUrls.of("http://console.example:9000/", "https://grafana.example");

        Rule fastBurn = rule(RuleFiles.rules(SPEC, "test", urls), "TensorWasmAvailabilityFastBurn");

        assertThat(fastBurn.annotations())
                .containsEntry(
                        "runbook_url",
                        "http://console.example:9000/runbooks/availability-fast-burn")
                .containsEntry(
                        "dashboard_url",
                        "https://grafana.example/d/tensor-wasm-overview/tensor-wasm-overview"
                                + "?viewPanel=7&from=now-6h&to=now");
    }

    @Test
    void everyAlertCarriesSeverityAndTheFourAnnotations() {
        List<Rule> alerts =
                RuleFiles.rules(SPEC, "production", BaseUrls.DEFAULTS).stream()
                        .filter(Rule::alert)
                        .toList();

        assertThat(alerts).hasSize(7);
        for (Rule alert : alerts) {
            assertThat(alert.labels().get("severity")).as(alert.name()).isIn("page", "ticket");
            assertThat(alert.annotations().keySet())
                    .as(alert.name())
                    .containsExactly("summary", "description", "runbook_url", "dashboard_url");
        }
    }

    @Test
    void everyAlertHasAScenarioWhereItFiresAndOneWhereItStaysQuiet() {
        for (String scenario : Scenarios.PRODUCTION) {
            JsonNode tests = Scenarios.read(scenario).path("tests");
            List<JsonNode> cases = tests.findValues("exp_alerts");
            assertThat(cases).as(scenario).anyMatch(c -> c.size() > 0).anyMatch(c -> c.isEmpty());
        }
        assertThat(Scenarios.PRODUCTION)
                .containsExactlyInAnyOrderElementsOf(
                        SPEC.alerts().stream().map(SloSpec.AlertSpec::runbook).toList());
    }

    @Test
    void runtimeDownAlertsOnAFailedScrapeOrAMissingTargetOfTheRuntimeJob() {
        Rule down = rule(RuleFiles.rules(SPEC, "test", BaseUrls.DEFAULTS), "TensorWasmRuntimeDown");

        assertThat(down.expr())
                .isEqualTo("up{job=\"tensor-wasm\"} == 0 or absent(up{job=\"tensor-wasm\"})");
        assertThat(down.hold()).isEqualTo("2s");
        assertThat(down.labels())
                .containsExactly(
                        java.util.Map.entry("severity", "page"),
                        java.util.Map.entry("slo", "scrape-availability"));
    }

    @Test
    void alertWithBothAThresholdAndAnExprIsRefused() {
        String yaml =
                """
                selectors: {}
                thresholds: {}
                objective: "0.99"
                dashboard: {uid: u, slug: s}
                profiles:
                  production: {windows: {}, for: {}}
                records: []
                alerts:
                  - {name: Both, record: x:ratio, windows: [5m], above: "1", expr: up == 0}
                """;

        assertThatThrownBy(
                        () ->
                                SloSpec.parse(
                                        new ByteArrayInputStream(
                                                yaml.getBytes(StandardCharsets.UTF_8))))
                .hasRootCauseMessage(
                        "Both: an alert has either record, windows and above, or an expr");
    }

    @Test
    void unknownProfileNamesTheKnownOnes() {
        assertThatThrownBy(() -> RuleFiles.rules(SPEC, "staging", BaseUrls.DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("staging: unknown profile; known: [production, test]");
    }

    @Test
    void windowThatAProfileDoesNotMapIsAnError() throws Exception {
        String yaml =
                """
                selectors: {}
                thresholds: {}
                objective: "0.99"
                dashboard: {uid: u, slug: s}
                profiles:
                  production: {windows: {5m: 5m}, for: {}}
                records:
                  - name: x:ratio_rate
                    windows: [5m, 12h]
                    expr: sum(rate(x[${window}]))
                alerts: []
                """;
        SloSpec spec =
                SloSpec.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> RuleFiles.rules(spec, "production", BaseUrls.DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("12h: window duration not mapped by profile \"production\"");
    }

    @Test
    void unknownPlaceholderIsAnError() throws Exception {
        String yaml =
                """
                selectors: {}
                thresholds: {}
                objective: "0.99"
                dashboard: {uid: u, slug: s}
                profiles:
                  production: {windows: {}, for: {}}
                records:
                  - name: x:count
                    expr: count(up{${runtime_jbo}})
                alerts: []
                """;
        SloSpec spec =
                SloSpec.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> RuleFiles.rules(spec, "production", BaseUrls.DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("${runtime_jbo}: unknown placeholder in x:count");
    }

    @Test
    void mainWritesTheRequestedProfileWithTheGivenBaseUrls(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("rules.yml");

        RuleFiles.main(out.toString(), "test", "http://console:1", "http://grafana:2");

        assertThat(Files.readString(out))
                .isEqualTo(
                        RuleFiles.generate(
                                SPEC, "test", BaseUrls.of("http://console:1", "http://grafana:2")));
    }

    @Test
    void mainRejectsAMissingFileArgument() {
        assertThatThrownBy(() -> RuleFiles.main())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("[]: expected FILE [PROFILE [CONSOLE_URL GRAFANA_URL]]");
    }

    private static Rule rule(List<Rule> rules, String name) {
        return rules.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    private static String withoutRanges(String expr) {
        return expr.replaceAll("\\[[0-9]+[smhd]]", "[]");
    }
}

package io.tensorwasm.ops.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tensorwasm.ops.engine.model.Action;
import io.tensorwasm.ops.engine.model.Query;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.model.Section;
import io.tensorwasm.ops.engine.model.Step;
import io.tensorwasm.ops.engine.parse.Catalog;
import io.tensorwasm.ops.testkit.Tool;
import io.tensorwasm.ops.testkit.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * promtool checks PromQL only inside rule files, so every expression of the runbooks and the
 * dashboard becomes one recording rule of a scratch file that {@code promtool check rules} reads.
 */
class ExpressionsParseIT {

    // Per instance, so a missing promtool fails every test with the package to install.
    private final Path promtool = Tools.system().locate(Tool.PROMTOOL);
    private static final Path WORK = Path.of("target", "expressions").toAbsolutePath();

    @Test
    void everyRunbookAndPanelExpressionParses() throws Exception {
        Map<String, String> records = expressions();

        ToolRun run = check(records);

        assertThat(records).hasSizeGreaterThan(40);
        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.output()).contains("SUCCESS: " + records.size() + " rules found");
    }

    @Test
    void aBrokenExpressionFailsAndIsNamed() throws Exception {
        Map<String, String> records = new LinkedHashMap<>(expressions());
        records.put("check:broken:1", "sum(rate(tensor_wasm_http_requests_total[5m])");

        ToolRun run = check(records);

        assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
        assertThat(run.output()).contains("\"check:broken:1\": could not parse expression");
    }

    private static Map<String, String> expressions() throws Exception {
        Map<String, String> records = new LinkedHashMap<>();
        for (Runbook page :
                Catalog.lintResources("runbooks", ExpressionsParseIT.class.getClassLoader())
                        .runbooks()) {
            int n = 0;
            for (Section section : page.sections()) {
                for (Query query : section.queries()) {
                    records.put(
                            "check:" + page.id().replace('-', '_') + ":" + ++n, query.expression());
                }
            }
            for (Step step : page.steps()) {
                if (step.action() instanceof Action.Promql promql) {
                    records.put(
                            "check:" + page.id().replace('-', '_') + ":" + ++n,
                            promql.expression());
                }
            }
        }
        JsonNode dashboard =
                new ObjectMapper()
                        .readTree(
                                Repository.ROOT
                                        .resolve("dashboards/tensor-wasm-overview.json")
                                        .toFile());
        for (JsonNode panel : dashboard.path("panels")) {
            int n = 0;
            for (JsonNode target : panel.path("targets")) {
                records.put(
                        "check:panel_" + panel.path("id").asInt() + ":" + ++n,
                        target.path("expr").asText());
            }
        }
        return records;
    }

    private ToolRun check(Map<String, String> records) throws Exception {
        StringBuilder yaml = new StringBuilder("groups:\n  - name: expressions\n    rules:\n");
        records.forEach(
                (name, expr) ->
                        yaml.append("      - record: ")
                                .append(name)
                                .append('\n')
                                .append("        expr: '")
                                .append(expr.replace("'", "''"))
                                .append("'\n"));
        Files.createDirectories(WORK);
        Path file = Files.writeString(WORK.resolve("expressions.rules.yml"), yaml);
        return ToolRun.of(promtool, WORK, "check", "rules", file.toString());
    }
}

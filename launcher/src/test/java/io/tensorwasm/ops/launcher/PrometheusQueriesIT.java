package io.tensorwasm.ops.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tensorwasm.ops.alerts.BaseUrls;
import io.tensorwasm.ops.alerts.Rule;
import io.tensorwasm.ops.alerts.RuleFiles;
import io.tensorwasm.ops.alerts.SloSpec;
import io.tensorwasm.ops.engine.model.Action;
import io.tensorwasm.ops.engine.model.Query;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.model.Section;
import io.tensorwasm.ops.engine.model.Step;
import io.tensorwasm.ops.engine.parse.Catalog;
import io.tensorwasm.ops.engine.parse.LintReport;
import io.tensorwasm.ops.runtime.RuntimeConfig;
import io.tensorwasm.ops.runtime.metrics.RuntimeMetrics;
import io.tensorwasm.ops.testkit.HarnessClient;
import io.tensorwasm.ops.testkit.PrometheusServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #6: a real Prometheus scrapes the real runtime under the job name the rules expect and
 * loads the generated rules; every query of every runbook and dashboard panel, and every rule,
 * evaluates without error, and every metric it names exists.
 */
class PrometheusQueriesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JOB = "tensor-wasm";

    @TempDir Path dir;

    @Test
    void everyRunbookPanelAndRuleQueryEvaluatesAndNamesOnlyMetricsThatExist() throws Exception {
        Path rules =
                Files.writeString(
                        dir.resolve("tensor-wasm.rules.yml"),
                        RuleFiles.generate("test", BaseUrls.DEFAULTS));
        try (LiveRuntime runtime = LiveRuntime.start(dir);
                PrometheusServer prometheus =
                        PrometheusServer.builder()
                                .scrape(JOB, "127.0.0.1:" + runtime.port())
                                .ruleFile(rules)
                                .start()) {
            Set<String> before = names(prometheus, "tensor_wasm_kernel");
            drive(runtime);
            awaitData(prometheus, "tensor_wasm:invoke_errors:ratio_rate5m", runtime);

            Map<String, String> queries = queries();
            Set<String> names = names(prometheus, "");
            Set<String> known = new TreeSet<>(names);
            recordingRules().forEach(known::add);
            known.add("ALERTS");
            List<String> failures = new ArrayList<>();
            queries.forEach(
                    (where, expr) -> failures.addAll(check(prometheus, where, expr, known)));

            System.out.println("metric names Prometheus holds: " + names);
            assertThat(queries).hasSizeGreaterThan(100);
            assertThat(failures).isEmpty();
            assertTheRuntimeSeriesExist(before, names);
            assertTheCheckCanFail(prometheus, known);
        }
    }

    private static void assertTheRuntimeSeriesExist(Set<String> kernelBefore, Set<String> names) {
        assertThat(kernelBefore)
                .as("kernel series exist before any dispatch")
                .contains(
                        RuntimeMetrics.KERNEL_DISPATCHES_TOTAL,
                        RuntimeMetrics.KERNEL_DISPATCH_DURATION_SECONDS + "_bucket");
        assertThat(names)
                .contains(
                        RuntimeMetrics.HTTP_REQUESTS_TOTAL,
                        RuntimeMetrics.HTTP_REQUEST_DURATION_SECONDS + "_bucket",
                        RuntimeMetrics.BUILD_INFO,
                        RuntimeMetrics.ACTIVE_INSTANCES,
                        RuntimeMetrics.JOBS_IN_FLIGHT,
                        RuntimeMetrics.INVOCATIONS_TOTAL,
                        "up");
    }

    private static void assertTheCheckCanFail(PrometheusServer prometheus, Set<String> known) {
        assertThat(
                        check(
                                prometheus,
                                "a query nobody wrote",
                                "rate(tensor_wasm_no_such_total[5m])",
                                known))
                .containsExactly(
                        "a query nobody wrote: tensor_wasm_no_such_total is no metric of the runtime, no recording rule, ALERTS or up");
        assertThat(check(prometheus, "a broken query", "sum(rate(up[5m])", known))
                .singleElement()
                .asString()
                .startsWith("a broken query: sum(rate(up[5m]) -> prometheus answered 400");
    }

    /** Traffic that makes every series exist: every route, each invocation outcome, a refusal. */
    private static void drive(LiveRuntime runtime) throws Exception {
        String ok = runtime.deploy("adder", "ok");
        String trap = runtime.deploy("trapper", "trap");
        String endless = runtime.deploy("spinner", "endless");
        HarnessClient admin = runtime.admin();
        for (int i = 0; i < 3; i++) {
            expect(
                    admin.postJson(path(ok), "{\"export\":\"add\",\"args\":[2,3]}").statusCode(),
                    200);
        }
        expect(admin.postJson(path(trap), "{\"export\":\"run\"}").statusCode(), 422);
        expect(
                admin.postJson(path(endless), "{\"export\":\"run\",\"timeout_ms\":200}")
                        .statusCode(),
                504);
        String job =
                LiveRuntime.id(
                        admin.postJson(path(ok) + "-async", "{\"export\":\"add\",\"args\":[1,2]}")
                                .body());
        expect(
                admin.postJson(path(endless) + "-async", "{\"export\":\"run\",\"timeout_ms\":300}")
                        .statusCode(),
                202);
        expect(admin.get("/jobs/" + job).statusCode(), 200);
        expect(runtime.anonymous().postJson("/functions", "{}").statusCode(), 401);
        expect(admin.get("/functions").statusCode(), 200);
        expect(admin.get("/functions/" + ok).statusCode(), 200);
        expect(admin.delete("/functions/" + trap).statusCode(), 204);
    }

    private static String path(String function) {
        return "/functions/" + function + "/invoke";
    }

    private static void expect(int status, int expected) {
        assertThat(status).isEqualTo(expected);
    }

    /** Waits until a recording rule over invokes has data, invoking and probing meanwhile. */
    private static void awaitData(PrometheusServer prometheus, String record, LiveRuntime runtime)
            throws Exception {
        String ok = runtime.deploy("steady", "ok");
        for (int i = 0; i < 120; i++) {
            runtime.admin().postJson(path(ok), "{\"export\":\"add\",\"args\":[4,5]}");
            runtime.anonymous().get("/healthz");
            JsonNode answer = JSON.readTree(prometheus.query(record));
            if (answer.path("data").path("result").size() > 0 && i >= 10) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(record + " has no data after 30 s");
    }

    /** Every query to check, by where it is written. */
    private static Map<String, String> queries() throws IOException {
        Map<String, String> queries = new LinkedHashMap<>();
        LintReport catalogue =
                Catalog.lintResources("runbooks", PrometheusQueriesIT.class.getClassLoader());
        assertThat(catalogue.problems()).isEmpty();
        for (Runbook page : catalogue.runbooks()) {
            for (Section section : page.sections()) {
                for (Query query : section.queries()) {
                    queries.put(query.position().toString(), query.expression());
                }
            }
            for (Step step : page.steps()) {
                if (step.action() instanceof Action.Promql promql) {
                    queries.put(
                            page.id() + " step " + step.number(), fill(promql.expression(), page));
                }
            }
        }
        JsonNode dashboard =
                JSON.readTree(
                        RepositoryFiles.path("dashboards/tensor-wasm-overview.json").toFile());
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.put(
                        "panel " + panel.path("id").asInt() + target.path("refId").asText(),
                        target.path("expr").asText());
            }
        }
        for (Rule rule : RuleFiles.rules(SloSpec.load(), "test", BaseUrls.DEFAULTS)) {
            queries.put("rule " + rule.name(), rule.expr());
        }
        return queries;
    }

    // A page's vars, with the version this build reports for the empty target_version.
    private static String fill(String expression, Runbook page) {
        Map<String, String> values = new LinkedHashMap<>(page.metadata().vars());
        values.put("target_version", RuntimeConfig.version());
        String filled = expression;
        for (Map.Entry<String, String> var : values.entrySet()) {
            filled = filled.replace("{" + var.getKey() + "}", var.getValue());
        }
        return filled;
    }

    private static List<String> recordingRules() {
        return RuleFiles.rules(SloSpec.load(), "test", BaseUrls.DEFAULTS).stream()
                .filter(r -> !r.alert())
                .map(Rule::name)
                .toList();
    }

    /** What is wrong with one query: an error from Prometheus, or a name that does not exist. */
    private static List<String> check(
            PrometheusServer prometheus, String where, String expr, Set<String> known) {
        List<String> problems = new ArrayList<>();
        try {
            JsonNode answer = JSON.readTree(prometheus.query(expr));
            if (!answer.path("status").asText().equals("success")) {
                problems.add(where + ": " + expr + " -> " + answer);
            }
        } catch (IllegalStateException | IOException e) {
            problems.add(where + ": " + expr + " -> " + e.getMessage());
        }
        for (String name : PromqlNames.of(expr)) {
            if (!known.contains(name)) {
                problems.add(
                        where
                                + ": "
                                + name
                                + " is no metric of the runtime, no recording rule, ALERTS or up");
            }
        }
        return problems;
    }

    /** The metric names Prometheus holds that start with a prefix, once it has scraped. */
    private static Set<String> names(PrometheusServer prometheus, String prefix) throws Exception {
        Set<String> names = new TreeSet<>();
        for (int i = 0; i < 100 && names.isEmpty(); i++) {
            JsonNode answer = JSON.readTree(prometheus.get("/api/v1/label/__name__/values"));
            answer.path("data").forEach(n -> names.add(n.asText()));
            names.removeIf(n -> !n.startsWith(prefix));
            if (names.isEmpty()) {
                Thread.sleep(100);
            }
        }
        return names;
    }
}

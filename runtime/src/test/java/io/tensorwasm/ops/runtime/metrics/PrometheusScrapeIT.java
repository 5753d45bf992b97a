package io.tensorwasm.ops.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.runtime.RuntimeConfig;
import io.tensorwasm.ops.runtime.RuntimeServer;
import io.tensorwasm.ops.testkit.HarnessClient;
import io.tensorwasm.ops.testkit.PrometheusServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real Prometheus scrapes the runtime and answers queries over what it scraped. */
class PrometheusScrapeIT {

    @TempDir Path dataDir;

    @Test
    void prometheusSeesRequestsAdvanceAndTheBuildVersion() throws Exception {
        RuntimeConfig config = RuntimeConfig.builder().port(0).dataDir(dataDir).build();
        try (RuntimeServer runtime = RuntimeServer.start(config);
                PrometheusServer prometheus =
                        PrometheusServer.builder()
                                .scrape("tensor-wasm", "127.0.0.1:" + runtime.port())
                                .scrapeInterval(Duration.ofMillis(500))
                                .start()) {
            HarnessClient client = HarnessClient.of(runtime.port());
            client.get("/healthz");
            String requests = "sum(tensor_wasm_http_requests_total{job=\"tensor-wasm\"})";
            double first = awaitValueAbove(prometheus, requests, 0);
            for (int i = 0; i < 5; i++) {
                client.get("/healthz");
            }
            double second = awaitValueAbove(prometheus, requests, first + 5);
            assertThat(second).isGreaterThan(first);

            JsonArray build = data(prometheus.query("tensor_wasm_build_info{job=\"tensor-wasm\"}"));
            assertThat(build).hasSize(1);
            JsonObject labels = build.getJsonObject(0).getJsonObject("metric");
            assertThat(labels.getString("version")).isEqualTo(RuntimeConfig.version());
            assertThat(labels.fieldNames())
                    .contains("git_sha", "java_version", "profile", "target");
            assertThat(build.getJsonObject(0).getJsonArray("value").getString(1)).isEqualTo("1");
        }
    }

    private static double awaitValueAbove(PrometheusServer prometheus, String query, double floor)
            throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            JsonArray data = data(prometheus.query(query));
            if (!data.isEmpty()) {
                double value =
                        Double.parseDouble(
                                data.getJsonObject(0).getJsonArray("value").getString(1));
                if (value > floor) {
                    return value;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError(query + " did not rise above " + floor + " within 30 s");
    }

    private static JsonArray data(String answer) {
        return new JsonObject(answer).getJsonObject("data").getJsonArray("result");
    }
}

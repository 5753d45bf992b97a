package io.tensorwasm.ops.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tensorwasm.ops.engine.LoopbackRuntime;
import io.tensorwasm.ops.engine.exec.ExecutionReport;
import io.tensorwasm.ops.engine.exec.Executor;
import io.tensorwasm.ops.engine.exec.RunContext;
import io.tensorwasm.ops.engine.exec.RunRequest;
import io.tensorwasm.ops.engine.exec.ScriptedApprovals;
import io.tensorwasm.ops.engine.model.RunStatus;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.parse.Catalog;
import io.tensorwasm.ops.engine.store.ExecutionStore;
import io.tensorwasm.ops.engine.store.JdbcExecutionStore;
import io.tensorwasm.ops.testkit.PrometheusServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricSourcesIT {

    @Test
    void prometheusApiAnswersInstantQueriesAndSelectors() {
        try (PrometheusServer prometheus = PrometheusServer.builder().scrapeSelf("self").start()) {
            MetricSource source = MetricSource.prometheus(prometheus.baseUri());
            prometheus
                    .process()
                    .awaitReady(
                            "a scrape of itself",
                            Duration.ofSeconds(30),
                            () -> !source.query("up{job=\"self\"}").isEmpty());

            assertThat(source.value("up{job=\"self\"}")).isEqualTo(1.0);
            assertThat(source.instant("up", Map.of("job", "self"))).isEqualTo(1.0);
            assertThat(source.query("vector(42)")).extracting(Sample::value).containsExactly(42.0);
            assertThatThrownBy(() -> source.value("up{job=\"nobody\"}"))
                    .hasMessage(
                            "up{job=\"nobody\"}: no data from Prometheus at "
                                    + prometheus.baseUri());
            assertThat(runPromqlRunbook(source).status()).isEqualTo(RunStatus.SUCCEEDED);

            Instant now = Instant.now();
            List<Series> range =
                    source.range("vector(7)", now.minusSeconds(60), now, Duration.ofSeconds(15));
            assertThat(range)
                    .singleElement()
                    .satisfies(
                            s -> {
                                assertThat(s.points()).hasSize(5).allMatch(p -> p.value() == 7.0);
                                assertThat(s.points().get(4).at().getEpochSecond())
                                        .isEqualTo(now.getEpochSecond());
                            });
            assertThat(
                            source.range(
                                    "up{job=\"self\"}",
                                    now.minusSeconds(60),
                                    now,
                                    Duration.ofSeconds(1)))
                    .singleElement()
                    .satisfies(s -> assertThat(s.labels()).containsEntry("job", "self"));
            assertThatThrownBy(
                            () ->
                                    source.range(
                                            "up{",
                                            now.minusSeconds(60),
                                            now,
                                            Duration.ofSeconds(1)))
                    .hasMessageStartingWith("up{: Prometheus answered ");
            MetricSource scrape = MetricSource.scrape(URI.create("http://127.0.0.1:1/metrics"));
            assertThatThrownBy(
                            () ->
                                    scrape.range(
                                            "up", now.minusSeconds(60), now, Duration.ofSeconds(1)))
                    .hasMessage(
                            "up: a scrape of http://127.0.0.1:1/metrics keeps no history; range"
                                    + " queries need Prometheus");
        }
    }

    private static ExecutionReport runPromqlRunbook(MetricSource source) {
        Runbook runbook =
                Catalog.parse(
                                Path.of("promql.md"),
                                """
                ---
                id: promql
                kind: procedure
                ---

                | Step | Action | Expected | Within | On failure | Estimate |
                |---|---|---|---|---|---|
                | 1 | `promql up{job="self"}` | `value == 1 and samples[0].job == "self"` | 30s | abort | 1m |
                | 2 | `check` | `promql("count(up)") >= 1 and metric("up", {"job": "self"}) == 1` | | abort | 1m |
                """)
                        .get(0);
        try (ExecutionStore store = JdbcExecutionStore.open("jdbc:h2:mem:promql", "", "")) {
            RunContext context =
                    RunContext.builder()
                            .metrics(source)
                            .store(store)
                            .approvals(new ScriptedApprovals("ci"))
                            .build();
            return new Executor(context).run(runbook, RunRequest.interactive("ci"));
        }
    }

    @Test
    void scrapeAnswersInstantValuesAndRatesAcrossTwoScrapes() throws Exception {
        try (LoopbackRuntime runtime = LoopbackRuntime.start()) {
            MetricSource source =
                    new ScrapeSource(
                            URI.create(runtime.url() + "/metrics"), Duration.ofMillis(500));
            HttpClient http = HttpClient.newHttpClient();
            Thread load =
                    new Thread(
                            () -> {
                                for (int i = 0; i < 20; i++) {
                                    try {
                                        http.send(
                                                HttpRequest.newBuilder(
                                                                URI.create(runtime.url() + "/work"))
                                                        .build(),
                                                HttpResponse.BodyHandlers.discarding());
                                        Thread.sleep(40);
                                    } catch (Exception e) {
                                        return;
                                    }
                                }
                            });
            load.start();

            double rate =
                    source.value("rate(tensor_wasm_http_requests_total{route=\"/work\"}[1m])");
            load.join();

            assertThat(rate).isGreaterThan(0.0);
            assertThat(source.instant("tensor_wasm_jobs_in_flight", Map.of())).isEqualTo(3.0);
            assertThat(
                            source.value(
                                    "tensor_wasm_http_requests_total{route=\"/work\",status=\"200\"}"))
                    .isEqualTo(20.0);
            assertThatThrownBy(
                            () -> source.value("sum by (route) (tensor_wasm_http_requests_total)"))
                    .hasMessage(
                            "sum by (route) (tensor_wasm_http_requests_total): without Prometheus only name{labels}, rate(), irate(), increase() and delta() over two scrapes are answered; configure a Prometheus URL");
        }
    }
}

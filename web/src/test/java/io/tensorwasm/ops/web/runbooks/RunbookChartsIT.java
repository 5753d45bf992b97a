package io.tensorwasm.ops.web.runbooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.engine.metrics.MetricSource;
import io.tensorwasm.ops.testkit.Harness;
import io.tensorwasm.ops.testkit.PrometheusServer;
import io.tensorwasm.ops.web.ConsoleFixture;
import io.tensorwasm.ops.web.ConsoleRoutes;
import io.tensorwasm.ops.web.ConsoleSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without Grafana (it has no Debian package), a runbook page still shows each first-look query over
 * the last hour: a chart drawn on the server from a real Prometheus's range query, or a line that
 * says why there is none.
 */
class RunbookChartsIT {

    private static final String PAGE =
            """
            ---
            id: charted
            kind: procedure
            sla: 5m
            ---

            # Charted

            Panel 1, *Prometheus itself*.

            ```promql
            up{job="self"}
            ```

            Panel 2, *Nobody*.

            ```promql
            up{job="nobody"}
            ```

            | Step | Action | Expected | Within | On failure | Estimate |
            |---|---|---|---|---|---|
            | 1 | `wait 1s` | | | | 1m |
            """;

    @TempDir Path runbooks;

    @Test
    void drawsEachQueryOverTheLastHourFromPrometheus() throws Exception {
        Files.writeString(runbooks.resolve("charted.md"), PAGE);
        try (PrometheusServer prometheus = PrometheusServer.builder().scrapeSelf("self").start();
                ConsoleFixture fixture =
                        ConsoleFixture.withRuntimeDown()
                                .prometheus(prometheus.baseUri())
                                .runbooks(runbooks)) {
            MetricSource source = MetricSource.prometheus(prometheus.baseUri());
            prometheus
                    .process()
                    .awaitReady(
                            "a scrape of itself",
                            Duration.ofSeconds(30),
                            () -> !source.query("up{job=\"self\"}").isEmpty());
            Harness.serve(
                    vertx -> ConsoleRoutes.create(vertx, fixture.parts(vertx)),
                    (port, client) -> {
                        String page =
                                ConsoleSession.signIn(client, fixture.viewer)
                                        .get("/runbooks/charted")
                                        .body();
                        assertThat(page)
                                .containsOnlyOnce("<figure class=\"chart\">")
                                .contains("aria-label=\"up{job=&quot;self&quot;} over ")
                                .containsPattern("<polyline class=\"s0\" points=\"[0-9.]+,[0-9.]+")
                                .contains("no chart: no data in the last hour")
                                .as("a labelled result shows its labels in a small table")
                                .containsPattern(
                                        "<table class=\"grid labelled\" data-series=\"1\">\\s*"
                                                + "<thead><tr><th>instance</th><th>job</th>"
                                                + "<th>value</th></tr></thead>")
                                .contains("<td><code>self</code></td><td><strong>1</strong></td>");
                    });
        }
    }

    @Test
    void saysWhyThereIsNoChartWithoutPrometheus() throws Exception {
        Files.writeString(runbooks.resolve("charted.md"), PAGE);
        try (ConsoleFixture fixture = ConsoleFixture.withRuntimeDown().runbooks(runbooks)) {
            Harness.serve(
                    vertx -> ConsoleRoutes.create(vertx, fixture.parts(vertx)),
                    (port, client) ->
                            assertThat(
                                            ConsoleSession.signIn(client, fixture.viewer)
                                                    .get("/runbooks/charted")
                                                    .body())
                                    .doesNotContain("<figure class=\"chart\">")
                                    .containsPattern(
                                            "no chart: a scrape of http://127.0.0.1:\\d+/metrics"
                                                    + " keeps no history; range queries need"
                                                    + " Prometheus"));
        }
    }
}

package io.tensorwasm.ops.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.testkit.Harness;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The runbook, history and home pages over HTTP, with the runtime down. */
class ConsolePagesIT {

    private final ConsoleFixture fixture = ConsoleFixture.withRuntimeDown();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void rendersARunbookWhoseTitleIsScriptAsText() throws Exception {
        serve(
                (port, client) -> {
                    String page =
                            ConsoleSession.signIn(client, fixture.admin)
                                    .get("/runbooks/markup-title")
                                    .body();

                    assertThat(page)
                            .contains(
                                    "<title>&lt;script&gt;alert(1)&lt;/script&gt; · TensorWasm Ops</title>")
                            .contains(
                                    "<h1 id=\"runbook-title\">&lt;script&gt;alert(1)&lt;/script&gt;</h1>")
                            .contains("&lt;img src=x onerror=&quot;alert(2)&quot;&gt;")
                            .contains("&lt;script&gt;alert(4)&lt;/script&gt;")
                            .doesNotContain("<script>alert")
                            .doesNotContain("<img")
                            .doesNotContain("javascript:");
                });
    }

    @Test
    void keepsAPageThatDoesNotLintReadableAndWillNotRunIt() throws Exception {
        serve(
                (port, client) -> {
                    ConsoleSession admin = ConsoleSession.signIn(client, fixture.admin);
                    String page = admin.get("/runbooks/restart-typo").body();
                    assertThat(page)
                            .contains("This page does not lint")
                            .contains(
                                    "console-runbooks/restart-typo.md:11:8: unknown action verb &quot;runtime&quot;")
                            .contains("This page cannot run until its lint problems are fixed.")
                            .doesNotContain("id=\"start-run\"");
                    assertThat(admin.get("/runbooks").body()).contains("1 of 4 pages do not lint.");

                    HttpResponse<String> refused =
                            admin.submit(
                                    "/runbooks/restart-typo",
                                    "/runbooks/restart-typo/run",
                                    Map.of());
                    assertThat(refused.statusCode()).isEqualTo(409);
                    assertThat(refused.body())
                            .contains(
                                    "console-runbooks/restart-typo.md has 1 lint problem, so the engine will not run it. The runbook page lists them.");
                });
    }

    @Test
    void showsEachFirstLookQueryWithWhyItHasNoValueAndItsGrafanaPanel() throws Exception {
        serve(
                (port, client) -> {
                    String page =
                            ConsoleSession.signIn(client, fixture.admin)
                                    .get("/runbooks/audit-log-rotation?since=2026-11-25T10:15:00Z")
                                    .body();

                    assertThat(page)
                            .contains("<pre><code>sum(tensor_wasm_jobs_in_flight)</code></pre>")
                            .contains(
                                    "<p class=\"value missing\">no value: without Prometheus only name{labels}, rate(), irate(), increase() and delta() over two scrapes are answered; configure a Prometheus URL</p>")
                            .containsPattern(
                                    "<p class=\"value missing\">no value: http://127\\.0\\.0\\.1:\\d+/metrics: cannot scrape: ConnectException")
                            .contains(
                                    "href=\"http://127.0.0.1:3000/d/tensor-wasm-overview?viewPanel=17&amp;from=1795600800000&amp;to=")
                            .contains(">Open panel 17 in Grafana</a>")
                            .contains(
                                    "Grafana links show from 15 minutes before the alert started until now")
                            .contains("3m10s of estimates, within the 10m SLA")
                            .contains(
                                    "<code>confirm &quot;The old audit files are archived&quot;</code>")
                            .contains("id=\"runtime-banner\"");
                });
    }

    @Test
    void listsTheAlertIndexAndSaysNothingFires() throws Exception {
        serve(
                (port, client) -> {
                    String home = ConsoleSession.signIn(client, fixture.admin).get("/").body();

                    assertThat(home)
                            .contains(
                                    "<td><a href=\"/runbooks/audit-log-rotation\">TensorWasmAuditLogLarge</a></td><td>sev-3"
                                            + " <span class=\"muted\">filed, never pages</span></td>")
                            .contains(
                                    "No alert is firing. Source: the Alertmanager webhook (POST /hooks/alertmanager).");
                });
    }

    @Test
    void recordsADryRunAndFindsItInHistory() throws Exception {
        serve(
                (port, client) -> {
                    ConsoleSession operator = ConsoleSession.signIn(client, fixture.operator);
                    long id =
                            ConsoleSession.executionOf(
                                    operator.submit(
                                            "/runbooks/audit-log-rotation",
                                            "/runbooks/audit-log-rotation/dry-run",
                                            Map.of()));

                    String execution = operator.get("/executions/" + id).body();
                    assertThat(execution)
                            .contains("<dd id=\"mode\">dry-run</dd>")
                            .contains(
                                    "planned; 5 steps, 3m10s within its SLA of 10m; 2 steps need a person")
                            .contains("<span class=\"status planned\">planned</span>")
                            .doesNotContain("data-events");
                    assertThat(operator.get("/history?mode=dry-run").body())
                            .contains("<tr data-execution=\"" + id + "\">")
                            .contains("1 execution matches.");
                    assertThat(operator.get("/history?mode=interactive").body())
                            .contains("No execution matches this filter.");
                });
    }

    @Test
    void refusesAHistoryFilterItDoesNotKnow() throws Exception {
        serve(
                (port, client) -> {
                    HttpResponse<String> bad =
                            ConsoleSession.signIn(client, fixture.admin)
                                    .get("/history?mode=sideways");
                    assertThat(bad.statusCode()).isEqualTo(400);
                    assertThat(bad.body())
                            .contains(
                                    "mode &quot;sideways&quot;: use one of dry-run, interactive, automatic");
                });
    }

    @Test
    void saysWhichStepsNeedTheRuntimeBeforeARunAndStartsAnywayWhenAsked() throws Exception {
        serve(
                (port, client) -> {
                    ConsoleSession operator = ConsoleSession.signIn(client, fixture.operator);
                    HttpResponse<String> warned =
                            operator.submit(
                                    "/runbooks/healthz-probe",
                                    "/runbooks/healthz-probe/run",
                                    Map.of());
                    assertThat(warned.statusCode()).isEqualTo(409);
                    assertThat(warned.body())
                            .containsPattern(
                                    "The runtime at http://127\\.0\\.0\\.1:\\d+ is not answering its health check\\. Step 1 of this runbook calls it and will fail until it is back\\.");

                    long id =
                            ConsoleSession.executionOf(
                                    operator.submit(
                                            "/runbooks/healthz-probe",
                                            "/runbooks/healthz-probe/run",
                                            Map.of("anyway", "yes")));
                    assertThat(operator.await("/executions/" + id, "Step 1 waits for a decision"))
                            .contains("<dd id=\"mode\">interactive</dd>");
                });
    }

    private void serve(Harness.Body body) throws Exception {
        Harness.serve(vertx -> ConsoleRoutes.create(vertx, fixture.parts(vertx)), body);
    }
}

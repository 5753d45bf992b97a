package io.tensorwasm.ops.web.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.testkit.Harness;
import io.tensorwasm.ops.testkit.HarnessClient;
import io.tensorwasm.ops.web.ConsoleFixture;
import io.tensorwasm.ops.web.ConsoleParts;
import io.tensorwasm.ops.web.ConsoleRoutes;
import io.tensorwasm.ops.web.ConsoleSession;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An alert delivered to the webhook, seen and handled on the console's pages: the home page's
 * firing list, the incidents list, one incident's timeline, its forms (CSRF-checked, operator) and
 * the API's acknowledgement with a bearer token.
 */
class IncidentPagesIT {

    private static final String FIRING =
            "{\"receiver\":\"console-ticket\",\"status\":\"firing\",\"alerts\":[{\"status\":"
                    + "\"firing\",\"labels\":{\"alertname\":\"TensorWasmAuditLogLarge\","
                    + "\"severity\":\"ticket\",\"instance\":\"rt-1:8080\"},\"annotations\":"
                    + "{\"summary\":\"The audit log is <b>large</b>.\"},\"startsAt\":"
                    + "\"2026-11-25T03:00:00Z\",\"endsAt\":\"0001-01-01T00:00:00Z\","
                    + "\"fingerprint\":\"fp-audit\"}],\"version\":\"4\"}";

    private static final Pattern VERSION = Pattern.compile("data-version=\"([0-9.]+)\"");

    private final ConsoleFixture fixture = ConsoleFixture.withRuntimeDown();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void theHomePageListsWhatTheWebhookSawFireUntilItIsResolved() throws Exception {
        serve(
                (port, client, services) -> {
                    deliver(client, services, FIRING);
                    ConsoleSession viewer = ConsoleSession.signIn(client, fixture.viewer);
                    assertThat(viewer.get("/").body())
                            .contains(
                                    "<td>TensorWasmAuditLogLarge</td><td>sev-3 <span"
                                            + " class=\"muted\">filed, never pages</span></td>")
                            .as("the alert links the incident it opened")
                            .contains("<a href=\"/incidents/1\">incident 1</a>")
                            .contains(
                                    "<a href=\"/runbooks/audit-log-rotation?since=2026-11-25T03%3A00%3A00Z\">audit-log-rotation</a>");
                    assertThat(viewer.get("/incidents").body())
                            .contains(
                                    "<a href=\"/incidents/1\">TensorWasmAuditLogLarge on"
                                            + " rt-1:8080</a></td><td>open</td>");

                    ConsoleSession operator = ConsoleSession.signIn(client, fixture.operator);
                    HttpResponse<String> resolved =
                            operator.submit(
                                    "/incidents/1",
                                    "/incidents/1/resolve",
                                    Map.of("note", "rotated the log by hand"));
                    assertThat(resolved.statusCode()).isEqualTo(303);
                    assertThat(viewer.get("/").body())
                            .contains(
                                    "No alert is firing. Source: the Alertmanager webhook (POST"
                                            + " /hooks/alertmanager).");
                });
    }

    @Test
    void anOperatorAcknowledgesHandsOffAndDefersWithFormsAndEveryStepIsInTheTimeline()
            throws Exception {
        serve(
                (port, client, services) -> {
                    deliver(client, services, FIRING);
                    ConsoleSession operator = ConsoleSession.signIn(client, fixture.operator);
                    String page = operator.get("/incidents/1").body();
                    assertThat(page)
                            .contains("Incident 1: TensorWasmAuditLogLarge on rt-1:8080")
                            .contains(
                                    "TensorWasmAuditLogLarge firing since 2026-11-25T03:00:00Z:"
                                            + " The audit log is &lt;b&gt;large&lt;/b&gt;.")
                            .contains("sev-3: filed, not paged (sev-3 never pages)");

                    assertThat(
                                    operator.submit("/incidents/1", "/incidents/1/ack", Map.of())
                                            .statusCode())
                            .isEqualTo(303);
                    HttpResponse<String> empty =
                            operator.submit(
                                    "/incidents/1", "/incidents/1/handoff", Map.of("summary", " "));
                    assertThat(empty.statusCode()).isEqualTo(400);
                    assertThat(empty.body())
                            .contains(
                                    "empty: a handoff summary says what fired, what was tried,"
                                            + " what worked and what did not");
                    operator.submit(
                            "/incidents/1",
                            "/incidents/1/handoff",
                            Map.of("summary", "log at 95%; rotation ran; Bo takes over"));
                    operator.submit(
                            "/incidents/1",
                            "/incidents/1/defer",
                            Map.of("reason", "one tenant, notified"));

                    assertThat(operator.get("/incidents/1").body())
                            .contains("<dd id=\"status\">mitigated, postmortem pending</dd>")
                            .contains("acknowledged by otto operator (no open page)")
                            .contains(
                                    "handoff by otto operator: log at 95%; rotation ran; Bo takes over")
                            .contains(
                                    "deferred by otto operator: mitigated, postmortem pending;"
                                            + " one tenant, notified");
                    HttpResponse<String> noToken =
                            operator.client.postForm("/incidents/1/resolve", Map.of("note", "x"));
                    assertThat(noToken.statusCode())
                            .as("a form without its CSRF token")
                            .isEqualTo(403);
                });
    }

    @Test
    void theApiAcknowledgesWithABearerTokenForAnOperatorOnly() throws Exception {
        serve(
                (port, client, services) -> {
                    deliver(client, services, FIRING);
                    HttpResponse<String> byViewer =
                            client.withToken(fixture.viewer).postJson("/api/incidents/1/ack", "");
                    assertThat(byViewer.statusCode()).isEqualTo(403);
                    assertThat(byViewer.body())
                            .isEqualTo(
                                    "{\"error\":{\"code\":\"forbidden\",\"message\":\"vic viewer"
                                            + " holds the viewer role; acknowledging needs"
                                            + " operator or above\"}}");
                    HttpResponse<String> byOperator =
                            client.withToken(fixture.operator).postJson("/api/incidents/1/ack", "");
                    assertThat(byOperator.statusCode()).isEqualTo(200);
                    assertThat(byOperator.body())
                            .isEqualTo(
                                    "{\"id\":1,\"status\":\"acknowledged\",\"acknowledged_by\":\"otto"
                                            + " operator\"}");
                    JsonObject incident =
                            new JsonObject(
                                    client.withToken(fixture.viewer)
                                            .get("/api/incidents/1")
                                            .body());
                    assertThat(incident.getString("status")).isEqualTo("acknowledged");
                    assertThat(incident.getJsonArray("timeline").getJsonObject(0).getString("kind"))
                            .isEqualTo("alert_firing");
                    assertThat(
                                    client.withToken(fixture.viewer)
                                            .postJson("/api/incidents/9/ack", "")
                                            .statusCode())
                            .isEqualTo(403);
                    assertThat(
                                    client.withToken(fixture.operator)
                                            .postJson("/api/incidents/9/ack", "")
                                            .body())
                            .isEqualTo(
                                    "{\"error\":{\"code\":\"not_found\",\"message\":\"9: no such"
                                            + " incident\"}}");
                });
    }

    @Test
    void onlyAnAdminSeesTheKillSwitchForm() throws Exception {
        serve(
                (port, client, services) -> {
                    ConsoleSession admin = ConsoleSession.signIn(client, fixture.admin);
                    assertThat(admin.get("/incidents").body())
                            .contains("id=\"engage-kill-switch\"")
                            .contains(
                                    "Released: runbooks with automation auto run when their alert"
                                            + " fires.");
                    HttpResponse<String> noReason =
                            admin.submit(
                                    "/incidents", "/admin/kill-switch", Map.of("action", "engage"));
                    assertThat(noReason.statusCode()).isEqualTo(400);
                    admin.submit(
                            "/incidents",
                            "/admin/kill-switch",
                            Map.of("action", "engage", "reason", "game day"));
                    assertThat(admin.get("/incidents").body())
                            .contains("Engaged by ada admin at ")
                            .contains(
                                    ": game day. Alerts open incidents and page, but no runbook"
                                            + " runs by itself.");
                    ConsoleSession viewer = ConsoleSession.signIn(client, fixture.viewer);
                    assertThat(viewer.get("/incidents").body()).doesNotContain("kill-switch-form");
                    HttpResponse<String> byOperator =
                            client.withToken(fixture.operator)
                                    .postForm("/admin/kill-switch", Map.of("action", "release"));
                    assertThat(byOperator.statusCode()).isEqualTo(403);
                    assertThat(services.onCall().runs().store().killSwitchEngaged()).isTrue();
                });
    }

    @Test
    void theIncidentsPageIsToldWhenItsTimelineGrowsAndSaysWhoIsPaged() throws Exception {
        serve(
                (port, client, services) -> {
                    deliver(client, services, FIRING);
                    ConsoleSession viewer = ConsoleSession.signIn(client, fixture.viewer);
                    String page = viewer.get("/incidents/1").body();
                    assertThat(page)
                            .contains(
                                    "<p id=\"paged-now\">Nobody is paged: a sev-3 is filed and"
                                            + " never pages.</p>")
                            .containsPattern("<time title=\"[^\"]+ UTC\">\\+0 s</time>")
                            .contains("data-live=\"/incidents/1/events\"");
                    Matcher version = VERSION.matcher(page);
                    assertThat(version.find()).isTrue();
                    CompletableFuture<Boolean> changed =
                            java.net.http.HttpClient.newHttpClient()
                                    .sendAsync(
                                            client.withToken(fixture.viewer)
                                                    .request(
                                                            "/incidents/1/events?version="
                                                                    + version.group(1))
                                                    .timeout(Duration.ofSeconds(30))
                                                    .header("Accept", "text/event-stream")
                                                    .GET()
                                                    .build(),
                                            HttpResponse.BodyHandlers.ofLines())
                                    .thenApply(
                                            response -> {
                                                try (Stream<String> lines = response.body()) {
                                                    return lines.anyMatch(
                                                            l -> l.equals("event: changed"));
                                                }
                                            });
                    Thread.sleep(1_500);
                    assertThat(changed).as("nothing changed yet").isNotDone();
                    HttpResponse<String> acknowledged =
                            client.withToken(fixture.operator)
                                    .postJson("/api/incidents/1/ack", "{}");
                    assertThat(acknowledged.statusCode()).isEqualTo(200);
                    assertThat(changed.get(20, TimeUnit.SECONDS)).isTrue();
                });
    }

    private static void deliver(HarnessClient client, ConsoleParts services, String body)
            throws Exception {
        HttpResponse<String> response =
                client.withToken(services.webhookToken().issued().orElseThrow())
                        .postJson("/hooks/alertmanager", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private void serve(Body body) throws Exception {
        ConsoleParts[] services = new ConsoleParts[1];
        Harness.serve(
                vertx -> {
                    services[0] = fixture.parts(vertx);
                    return ConsoleRoutes.create(vertx, services[0]);
                },
                (port, client) -> body.run(port, client, services[0]));
    }

    @FunctionalInterface
    private interface Body {
        void run(int port, HarnessClient client, ConsoleParts services) throws Exception;
    }
}

package io.tensorwasm.ops.web.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.oncall.access.ConsoleSecrets;
import io.tensorwasm.ops.oncall.access.TokenHash;
import io.tensorwasm.ops.oncall.alert.AlertLedger;
import io.tensorwasm.ops.oncall.catalogue.RunbookLibrary;
import io.tensorwasm.ops.oncall.desk.AlertDesk;
import io.tensorwasm.ops.oncall.desk.AlertIntake;
import io.tensorwasm.ops.oncall.incident.Incident;
import io.tensorwasm.ops.oncall.incident.IncidentStore;
import io.tensorwasm.ops.oncall.incident.Severity;
import io.tensorwasm.ops.oncall.incident.TimelineEvent;
import io.tensorwasm.ops.oncall.paging.Paging;
import io.tensorwasm.ops.oncall.paging.Rotations;
import io.tensorwasm.ops.oncall.remediation.Remediation;
import io.tensorwasm.ops.oncall.store.Database;
import io.tensorwasm.ops.testkit.Harness;
import io.tensorwasm.ops.testkit.HarnessClient;
import io.tensorwasm.ops.web.page.FailureHandler;
import io.tensorwasm.ops.web.page.Pages;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookIT {

    private static final String TOKEN = "am-hook-secret";
    private static final String FAST_BURN = "TensorWasmAvailabilityFastBurn";

    private final Database database =
            Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    private final IncidentStore incidents = new IncidentStore(database.dataSource());
    private final AlertLedger ledger = new AlertLedger(database.dataSource());
    private final List<String> remediations = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void opensOneIncidentAndOneRemediationHoweverOftenAFiringIsDelivered() throws Exception {
        serve(
                16,
                client -> {
                    String body =
                            Deliveries.group(
                                    "firing",
                                    Deliveries.alert(
                                            "firing", FAST_BURN, "fp1", "availability-fast-burn"));
                    HttpResponse<String> first = client.postJson("/hooks/alertmanager", body);
                    assertThat(first.statusCode()).isEqualTo(200);
                    assertThat(first.body()).contains("\"alerts\":1,\"new\":1");
                    CompletableFuture<HttpResponse<String>> a = async(client, body);
                    CompletableFuture<HttpResponse<String>> b = async(client, body);
                    assertThat(a.join().statusCode()).isEqualTo(200);
                    assertThat(b.join().body()).contains("\"new\":0");
                });
        assertThat(remediations).containsExactly("availability-fast-burn");
        Incident incident = incidents.recent(10).get(0);
        assertThat(incidents.recent(10)).hasSize(1);
        assertThat(incident.severity()).isEqualTo(Severity.SEV_1);
        assertThat(incident.title()).isEqualTo(FAST_BURN + " on 127.0.0.1:8080");
    }

    @Test
    void aResolutionClosesTheIncidentAndAnEarlyOneIsKept() throws Exception {
        serve(
                16,
                client -> {
                    client.postJson(
                            "/hooks/alertmanager",
                            Deliveries.group(
                                    "firing",
                                    Deliveries.alert(
                                            "firing", FAST_BURN, "fp2", "availability-fast-burn")));
                    client.postJson(
                            "/hooks/alertmanager",
                            Deliveries.group(
                                    "resolved",
                                    Deliveries.alert(
                                            "resolved",
                                            FAST_BURN,
                                            "fp2",
                                            "availability-fast-burn")));
                    client.postJson(
                            "/hooks/alertmanager",
                            Deliveries.group(
                                    "resolved",
                                    Deliveries.alert(
                                            "resolved",
                                            FAST_BURN,
                                            "fp3",
                                            "availability-fast-burn")));
                    client.postJson(
                            "/hooks/alertmanager",
                            Deliveries.group(
                                    "firing",
                                    Deliveries.alert(
                                            "firing", FAST_BURN, "fp3", "availability-fast-burn")));
                });
        Incident closed = incidents.findByKey("fp2@2026-11-25T03:00:00Z").orElseThrow();
        assertThat(closed.status()).isEqualTo(Incident.Status.RESOLVED);
        assertThat(incidents.timeline(closed.id()))
                .extracting(TimelineEvent::kind)
                .containsSubsequence(
                        TimelineEvent.Kind.ALERT_FIRING,
                        TimelineEvent.Kind.ALERT_RESOLVED,
                        TimelineEvent.Kind.RESOLVED);
        Incident early = incidents.findByKey("fp3@2026-11-25T03:00:00Z").orElseThrow();
        assertThat(early.status()).isEqualTo(Incident.Status.RESOLVED);
        assertThat(remediations).containsExactly("availability-fast-burn");
    }

    @Test
    void anAlertWithoutARunbookIsADocumentationBug() throws Exception {
        serve(
                16,
                client ->
                        client.postJson(
                                "/hooks/alertmanager",
                                Deliveries.group(
                                        "firing",
                                        Deliveries.alert(
                                                "firing", "SomethingUnwritten", "fp4", null))));
        Incident bug = incidents.findByKey("no-runbook:SomethingUnwritten").orElseThrow();
        assertThat(bug.title())
                .isEqualTo("Documentation bug: alert SomethingUnwritten has no runbook");
        assertThat(bug.severity()).isEqualTo(Severity.SEV_3);
        assertThat(remediations).isEmpty();
    }

    @Test
    void storesAMalformedDeliveryAndSaysWhatWasWrong() throws Exception {
        serve(
                16,
                client -> {
                    HttpResponse<String> unreadableAlert =
                            client.postJson(
                                    "/hooks/alertmanager",
                                    Deliveries.group(
                                            "firing",
                                            "{\"status\":\"firing\",\"labels\":{\"alertname\":"
                                                    + "\"X\"},\"startsAt\":\"2026-11-25T03:00:00Z\"}"));
                    assertThat(unreadableAlert.statusCode())
                            .as("one unreadable alert is filed; the delivery is taken")
                            .isEqualTo(200);
                    Incident filed =
                            incidents.recent(10).stream()
                                    .filter(i -> i.dedupKey().startsWith("malformed-alert:"))
                                    .findFirst()
                                    .orElseThrow();
                    assertThat(filed.severity()).isEqualTo(Severity.SEV_3);
                    assertThat(incidents.timeline(filed.id()))
                            .extracting(TimelineEvent::text)
                            .anyMatch(
                                    t ->
                                            t.endsWith(
                                                    "alerts[0].fingerprint: missing, or not a string"));
                    HttpResponse<String> response =
                            client.postJson(
                                    "/hooks/alertmanager",
                                    Deliveries.group("firing")
                                            .replace("\"version\":\"4\"", "\"version\":\"3\""));
                    assertThat(response.statusCode()).isEqualTo(400);
                    assertThat(response.body())
                            .contains(
                                    "\"code\":\"bad_request\"",
                                    "\"message\":\"version: \\\"3\\\" is not supported;");
                    HttpResponse<String> notJson =
                            client.postJson("/hooks/alertmanager", "{\"version\":");
                    assertThat(notJson.statusCode()).isEqualTo(400);
                    assertThat(notJson.body()).contains("body is not JSON");
                });
        assertThat(ledger.deliveries("malformed")).isEqualTo(2);
    }

    @Test
    void refusesAWrongTokenAndAnOversizedBody() throws Exception {
        serve(
                16,
                client -> {
                    HttpResponse<String> anonymous =
                            HarnessClient.of(client.base().getPort())
                                    .postJson("/hooks/alertmanager", "{}");
                    assertThat(anonymous.statusCode()).isEqualTo(401);
                    HttpResponse<String> wrong =
                            HarnessClient.of(client.base().getPort())
                                    .withToken("guess")
                                    .postJson("/hooks/alertmanager", "{}");
                    assertThat(wrong.statusCode()).isEqualTo(401);
                    String huge = "x".repeat((int) WebhookRoutes.BODY_LIMIT_BYTES + 1);
                    HttpResponse<String> tooLarge = client.postJson("/hooks/alertmanager", huge);
                    assertThat(tooLarge.statusCode()).isEqualTo(413);
                    assertThat(tooLarge.body()).contains("\"code\":\"too_large\"");
                });
        assertThat(ledger.deliveries("received") + ledger.deliveries("accepted")).isZero();
    }

    @Test
    void answers503NotA429WhenOverloadedSoAlertmanagerRetries() throws Exception {
        serve(
                0,
                client -> {
                    HttpResponse<String> response =
                            client.postJson(
                                    "/hooks/alertmanager",
                                    Deliveries.group(
                                            "firing",
                                            Deliveries.alert("firing", FAST_BURN, "fp5", null)));
                    assertThat(response.statusCode()).isEqualTo(503);
                    assertThat(response.headers().firstValue("Retry-After")).contains("5");
                });
    }

    private void serve(int maxInFlight, ClientBody body) throws Exception {
        Paging paging =
                new Paging(database.dataSource(), incidents, Rotations.none(), Clock.systemUTC());
        AlertDesk desk =
                new AlertDesk(
                        incidents,
                        paging,
                        RunbookLibrary.load(List.of()),
                        new AlertDesk.Links(
                                URI.create("http://127.0.0.1:8090"),
                                URI.create("http://127.0.0.1:3000"),
                                "127.0.0.1:8080"),
                        Clock.systemUTC(),
                        escalations ->
                                (incident, runbookId, fingerprint) -> {
                                    remediations.add(runbookId);
                                    return Remediation.Plan.NOTHING;
                                });
        AlertIntake intake = new AlertIntake(ledger, desk, Clock.systemUTC());
        Harness.serve(
                vertx -> {
                    // As the console mounts it: the webhook, then the one failure handler.
                    Router router = Router.router(vertx);
                    new WebhookRoutes(
                                    vertx,
                                    new ConsoleSecrets.StoredToken(
                                            TokenHash.of(TOKEN), Optional.empty()),
                                    intake,
                                    maxInFlight)
                            .mount(router);
                    router.route().failureHandler(new FailureHandler(Pages.create(vertx)));
                    return router;
                },
                (port, client) -> body.run(client.withToken(TOKEN)));
    }

    private static CompletableFuture<HttpResponse<String>> async(
            HarnessClient client, String body) {
        HttpRequest request =
                client.request("/hooks/alertmanager")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build();
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return client.send(request);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                });
    }

    @FunctionalInterface
    private interface ClientBody {
        void run(HarnessClient client) throws Exception;
    }
}

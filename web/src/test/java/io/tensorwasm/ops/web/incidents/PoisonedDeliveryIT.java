package io.tensorwasm.ops.web.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.oncall.alert.AlertLedger;
import io.tensorwasm.ops.oncall.alert.AlertmanagerPayload;
import io.tensorwasm.ops.oncall.incident.Incident;
import io.tensorwasm.ops.oncall.incident.Severity;
import io.tensorwasm.ops.testkit.Harness;
import io.tensorwasm.ops.testkit.HarnessClient;
import io.tensorwasm.ops.web.ConsoleParts;
import io.tensorwasm.ops.web.ConsoleRoutes;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One bad alert never stops the others in its delivery (hardening, finding 5): each alert is
 * handled on its own; a permanent problem in one (an annotation that is not a URL, an alert without
 * a fingerprint) is recorded as a documentation bug and the alert is still opened and paged where
 * it can be; and what a crash interrupts after the delivery was stored is finished by the sweep.
 */
class PoisonedDeliveryIT {

    private static final String STARTS_AT = "2026-11-25T03:00:00Z";

    @TempDir Path dir;

    private OnCallFixture fixture;
    private ConsoleParts parts;

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void aPoisonedAlertIsFiledAsADocumentationBugAndTheOthersAreOpenedAndPagedAtOnce()
            throws Exception {
        String delivery =
                group(
                        alert(
                                "fp-good",
                                "http://127.0.0.1:8090/runbooks/off-by-hand",
                                "http://g/d/x"),
                        alert("fp-bad-runbook-url", "http://[not a url", "http://g/d/x"),
                        alert(
                                "fp-bad-dashboard-url",
                                "http://127.0.0.1:8090/runbooks/off-by-hand",
                                "::: not a url :::"),
                        "{\"status\":\"firing\",\"labels\":{\"alertname\":\"TicketOnly\"},"
                                + "\"annotations\":{},\"startsAt\":\""
                                + STARTS_AT
                                + "\"}");
        serve(
                client -> {
                    HttpResponse<String> first = post(client, delivery);
                    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);

                    for (String fp :
                            List.of("fp-good", "fp-bad-runbook-url", "fp-bad-dashboard-url")) {
                        Incident incident = fixture.incident(fp);
                        assertThat(fixture.timeline(incident))
                                .as(fp)
                                .anyMatch(l -> l.startsWith("PAGE paged primary (Ana)"));
                    }
                    assertThat(fixture.primary.bodies()).hasSize(3);
                    assertThat(fixture.timeline(fixture.incident("fp-bad-runbook-url")))
                            .anyMatch(
                                    l ->
                                            l.startsWith(
                                                    "NOTE documentation bug: runbook_url"
                                                            + " \"http://[not a url\" is not a"
                                                            + " URL"));
                    assertThat(fixture.timeline(fixture.incident("fp-bad-dashboard-url")))
                            .anyMatch(
                                    l ->
                                            l.startsWith(
                                                    "NOTE documentation bug: dashboard_url \"::: not"
                                                            + " a url :::\" is not a URL"));
                    Incident malformed =
                            parts.onCall().incidents().recent(20).stream()
                                    .filter(i -> i.dedupKey().startsWith("malformed-alert:"))
                                    .findFirst()
                                    .orElseThrow();
                    assertThat(malformed.severity()).isEqualTo(Severity.SEV_3);
                    assertThat(fixture.timeline(malformed))
                            .anyMatch(l -> l.contains("alerts[3].fingerprint: missing"));
                    AlertLedger ledger = new AlertLedger(parts.database().dataSource());
                    assertThat(ledger.deliveries("received"))
                            .as("a delivery left half-done")
                            .isZero();

                    HttpResponse<String> again = post(client, delivery);
                    assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
                    assertThat(fixture.primary.bodies())
                            .as("a retry pages nobody again")
                            .hasSize(3);
                    assertThat(
                                    parts.onCall().incidents().recent(20).stream()
                                            .filter(
                                                    i ->
                                                            i.dedupKey()
                                                                    .startsWith("malformed-alert:"))
                                            .count())
                            .as("the same malformed alert, delivered twice, is one incident")
                            .isEqualTo(1);
                });
    }

    @Test
    void whatACrashLeftAfterTheDeliveryWasStoredIsFinishedByTheSweep() throws Exception {
        String delivery =
                group(alert("fp-crash", "http://127.0.0.1:8090/runbooks/off-by-hand", "http://g"));
        serve(
                client -> {
                    // A node stored the delivery and admitted the alert, then died before it
                    // opened the incident: the ledger is all that is left.
                    AlertLedger ledger = new AlertLedger(parts.database().dataSource());
                    Instant longAgo = Instant.now().minus(Duration.ofMinutes(5));
                    long id = ledger.received(delivery, longAgo);
                    AlertmanagerPayload.Alert alert =
                            AlertmanagerPayload.parse(delivery).alerts().get(0);
                    ledger.admit(id, alert, longAgo);
                    assertThat(parts.onCall().incidents().findByKey("fp-crash@" + STARTS_AT))
                            .isEmpty();

                    parts.onCall().sweep();

                    Incident incident = fixture.incident("fp-crash");
                    assertThat(fixture.timeline(incident))
                            .anyMatch(l -> l.startsWith("PAGE paged primary (Ana)"));
                    parts.onCall().sweep();
                    assertThat(fixture.primary.bodies()).as("finished once").hasSize(1);
                });
    }

    private void serve(Body body) throws Exception {
        fixture = new OnCallFixture(dir);
        Harness.serve(
                vertx -> {
                    parts = fixture.parts(vertx, fixture.settings());
                    return ConsoleRoutes.create(vertx, parts);
                },
                (port, client) -> body.run(client));
    }

    private HttpResponse<String> post(HarnessClient client, String delivery) throws Exception {
        return client.withToken(parts.webhookToken().issued().orElseThrow())
                .postJson("/hooks/alertmanager", delivery);
    }

    private static String group(String... alerts) {
        return "{\"receiver\":\"console-page\",\"status\":\"firing\",\"alerts\":["
                + String.join(",", alerts)
                + "],\"groupLabels\":{},\"commonLabels\":{},\"commonAnnotations\":{},"
                + "\"externalURL\":\"http://127.0.0.1:9093\",\"version\":\"4\","
                + "\"groupKey\":\"{}:{}\",\"truncatedAlerts\":0}";
    }

    private static String alert(String fingerprint, String runbookUrl, String dashboardUrl) {
        return "{\"status\":\"firing\",\"labels\":{\"alertname\":\"TicketOnly\","
                + "\"severity\":\"page\"},\"annotations\":{\"summary\":\"TicketOnly fires.\","
                + "\"runbook_url\":\""
                + runbookUrl
                + "\",\"dashboard_url\":\""
                + dashboardUrl
                + "\"},\"startsAt\":\""
                + STARTS_AT
                + "\",\"endsAt\":\"0001-01-01T00:00:00Z\",\"fingerprint\":\""
                + fingerprint
                + "\"}";
    }

    @FunctionalInterface
    private interface Body {
        void run(HarnessClient client) throws Exception;
    }
}

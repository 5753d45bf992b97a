package io.tensorwasm.ops.web.home;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.testkit.AlertmanagerServer;
import io.tensorwasm.ops.testkit.FreePort;
import io.tensorwasm.ops.testkit.Harness;
import io.tensorwasm.ops.testkit.HarnessClient;
import io.tensorwasm.ops.web.ConsoleFixture;
import io.tensorwasm.ops.web.ConsoleRoutes;
import io.tensorwasm.ops.web.ConsoleSession;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** The home page lists what a real Alertmanager holds as firing, each with its runbook. */
class FiringAlertsIT {

    private static final String CONFIG =
            "route:\n  receiver: nobody\nreceivers:\n  - name: nobody\n";

    @Test
    void listsFiringAlertsWithTheirRunbookOverTheAlertsTimeRange() throws Exception {
        Instant start = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        try (AlertmanagerServer alertmanager = AlertmanagerServer.start(CONFIG);
                ConsoleFixture fixture =
                        ConsoleFixture.withRuntimeDown().alertmanager(alertmanager.baseUri())) {
            HttpResponse<String> posted =
                    HarnessClient.of(alertmanager.port())
                            .postJson(
                                    "/api/v2/alerts",
                                    "[{\"labels\":{\"alertname\":\"TensorWasmAuditLogLarge\",\"severity\":\"sev-3\"},"
                                            + "\"startsAt\":\""
                                            + start
                                            + "\"},"
                                            + "{\"labels\":{\"alertname\":\"TensorWasmNoRunbook\",\"severity\":\"sev-2\"},"
                                            + "\"startsAt\":\""
                                            + start
                                            + "\"}]");
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);

            Harness.serve(
                    vertx -> ConsoleRoutes.create(vertx, fixture.parts(vertx)),
                    (port, client) -> {
                        String home = ConsoleSession.signIn(client, fixture.admin).get("/").body();
                        assertThat(home)
                                .contains(
                                        "<td>TensorWasmAuditLogLarge</td><td>sev-3 <span"
                                                + " class=\"muted\">filed, never pages</span></td>")
                                .contains("not yet delivered")
                                .contains(
                                        "<a href=\"/runbooks/audit-log-rotation?since="
                                                + start.toString().replace(":", "%3A")
                                                + "\">audit-log-rotation</a>")
                                .contains("<td>TensorWasmNoRunbook</td>")
                                .contains("no runbook: a documentation bug");
                    });
        }
    }

    @Test
    void saysWhenTheAlertmanagerDoesNotAnswer() throws Exception {
        URI nowhere = URI.create("http://127.0.0.1:" + FreePort.next());
        try (ConsoleFixture fixture = ConsoleFixture.withRuntimeDown().alertmanager(nowhere)) {
            Harness.serve(
                    vertx -> ConsoleRoutes.create(vertx, fixture.parts(vertx)),
                    (port, client) -> {
                        String home = ConsoleSession.signIn(client, fixture.admin).get("/").body();
                        assertThat(home)
                                .contains(
                                        "<p class=\"error\" id=\"alert-problem\">Alertmanager at "
                                                + nowhere
                                                + " did not answer: ");
                    });
        }
    }
}

package io.tensorwasm.ops.web.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.oncall.access.Role;
import io.tensorwasm.ops.oncall.run.RunEnvironment;
import io.tensorwasm.ops.testkit.HarnessClient;
import io.tensorwasm.ops.testkit.HttpRecorder;
import io.tensorwasm.ops.testkit.PostgresServer;
import io.tensorwasm.ops.web.ConsoleConfig;
import io.tensorwasm.ops.web.ConsoleServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's PostgreSQL goes away and comes back (a failover, a restart): a delivery that
 * arrives meanwhile is refused with 503, so Alertmanager sends it again, never accepted and lost;
 * the console's pages say the database cannot be reached instead of hanging or answering 200; and
 * once the database is back the same node takes the retried delivery and opens its incident, with
 * nothing from before the outage lost or doubled.
 */
class DatabaseOutageIT {

    @TempDir Path dir;

    @Test
    void aDeliveryDuringAnOutageIsRefusedForRetryAndOpensItsIncidentOnceTheDatabaseIsBack()
            throws Exception {
        try (PostgresServer postgres = PostgresServer.start();
                HttpRecorder runtime = HttpRecorder.answering(200, "{\"status\":\"ok\"}")) {
            String url = postgres.createDatabase("console") + "?user=" + postgres.user();
            try (ConsoleServer node = node(url, runtime, dir.resolve("node"))) {
                String token = Files.readString(node.webhookTokenFile()).strip();
                HarnessClient hook = HarnessClient.of(node.port()).withToken(token);
                String reader = node.parts().tokens().issue("reader", Role.VIEWER).token();
                HarnessClient console = HarnessClient.of(node.port()).withToken(reader);

                HttpResponse<String> before =
                        hook.postJson(
                                "/hooks/alertmanager", Alerts.firing("TicketOnly", "fp-before"));
                assertThat(before.statusCode()).as(before.body()).isEqualTo(200);

                postgres.stop();

                String during = Alerts.firing("TicketOnly", "fp-during");
                HttpResponse<String> refused = hook.postJson("/hooks/alertmanager", during);
                assertThat(refused.statusCode())
                        .as("Alertmanager retries a 5xx, never a 2xx or 4xx: " + refused.body())
                        .isEqualTo(503);
                assertThat(refused.body())
                        .contains("\"code\":\"unavailable\"")
                        .contains("Alertmanager will retry");

                HttpResponse<String> page = console.get("/api/incidents");
                assertThat(page.statusCode()).as(page.body()).isEqualTo(503);
                assertThat(page.body()).doesNotContain(reader).doesNotContain(token);

                postgres.restart();

                HttpResponse<String> retried = hook.postJson("/hooks/alertmanager", during);
                assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
                assertThat(node.parts().onCall().incidents().findByKey(key("fp-during")))
                        .as("the retried delivery's incident")
                        .isPresent();
                assertThat(node.parts().onCall().incidents().findByKey(key("fp-before")))
                        .as("what came before the outage")
                        .isPresent();
                assertThat(count(node, "select count(*) from incident")).isEqualTo(2);
                assertThat(count(node, "select count(*) from alert_event")).isEqualTo(2);
                assertThat(console.get("/api/incidents").statusCode())
                        .as("the pages read again")
                        .isEqualTo(200);
            }
        }
    }

    private static String key(String fingerprint) {
        return fingerprint + "@" + Alerts.STARTS_AT;
    }

    private static ConsoleServer node(String url, HttpRecorder runtime, Path data)
            throws Exception {
        return ConsoleServer.start(
                ConsoleConfig.builder()
                        .port(0)
                        .dataDir(data)
                        .databaseUrl(url)
                        .runtimeUrl(runtime.url(""))
                        .runbooks(List.of(OnCallFixture.RUNBOOKS))
                        .build(),
                RunEnvironment.none().withPollInterval(Duration.ofMillis(100)));
    }

    private static int count(ConsoleServer node, String sql) throws Exception {
        try (Connection c = node.parts().database().dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}

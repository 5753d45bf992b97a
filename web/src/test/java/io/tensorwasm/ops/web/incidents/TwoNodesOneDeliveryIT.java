package io.tensorwasm.ops.web.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.engine.model.Mode;
import io.tensorwasm.ops.engine.store.ExecutionSummary;
import io.tensorwasm.ops.oncall.incident.Incident;
import io.tensorwasm.ops.oncall.remediation.RemediationState;
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
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two console nodes over one real PostgreSQL take the same Alertmanager delivery at the same moment
 * (an HA pair sends every notification to both): one incident, one remediation, one execution,
 * because unique keys in the database decide, not timing.
 */
class TwoNodesOneDeliveryIT {

    @TempDir Path dir;

    @Test
    void theSameDeliveryToTwoNodesOpensOneIncidentAndStartsOneExecution() throws Exception {
        try (PostgresServer postgres = PostgresServer.start();
                HttpRecorder runtime = HttpRecorder.answering(200, "{\"status\":\"ok\"}")) {
            String url = postgres.createDatabase("console") + "?user=" + postgres.user();
            try (ConsoleServer a = node(url, runtime, dir.resolve("a"));
                    ConsoleServer b = node(url, runtime, dir.resolve("b"))) {
                assertThat(b.parts().webhookToken().hash())
                        .as("one token for every node, from the database")
                        .isEqualTo(a.parts().webhookToken().hash());
                assertThat(b.webhookTokenFile())
                        .as("only the node that made the token ever had it")
                        .doesNotExist();
                String token = Files.readString(a.webhookTokenFile()).strip();
                String delivery = Alerts.firing("RuntimeFlaky", "fp-pair");
                ExecutorService pair = Executors.newFixedThreadPool(2);
                try {
                    List<Future<HttpResponse<String>>> answers =
                            pair.invokeAll(
                                    List.of(post(a, token, delivery), post(b, token, delivery)));
                    for (Future<HttpResponse<String>> answer : answers) {
                        assertThat(answer.get().statusCode())
                                .as(answer.get().body())
                                .isEqualTo(200);
                    }
                } finally {
                    pair.shutdown();
                }
                Incident incident =
                        a.parts()
                                .onCall()
                                .incidents()
                                .findByKey("fp-pair@" + Alerts.STARTS_AT)
                                .orElseThrow();
                OnCallFixture.await(
                        "the run to end",
                        () ->
                                a.parts()
                                                .onCall()
                                                .remediations()
                                                .find(incident.id())
                                                .orElseThrow()
                                                .state()
                                        == RemediationState.SUCCEEDED);
                List<ExecutionSummary> runs = b.parts().onCall().runs().store().recent(10);
                assertThat(runs)
                        .singleElement()
                        .satisfies(
                                run -> {
                                    assertThat(run.runbookId()).isEqualTo("auto-heals");
                                    assertThat(run.mode()).isEqualTo(Mode.AUTOMATIC);
                                });
                assertThat(count(a, "select count(*) from incident")).isEqualTo(1);
                assertThat(count(a, "select count(*) from incident_remediation")).isEqualTo(1);
                assertThat(count(a, "select count(*) from alert_event")).isEqualTo(1);
                assertThat(count(a, "select count(*) from alert_delivery")).isEqualTo(2);
            }
        }
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

    private static Callable<HttpResponse<String>> post(
            ConsoleServer node, String token, String delivery) {
        return () ->
                HarnessClient.of(node.port())
                        .withToken(token)
                        .postJson("/hooks/alertmanager", delivery);
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

package io.tensorwasm.ops.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.tensorwasm.ops.testkit.AlertmanagerServer;
import io.tensorwasm.ops.testkit.Tool;
import io.tensorwasm.ops.testkit.Tools;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertmanagerConfigIT {

    @TempDir Path dir;

    @Test
    void committedConfigPassesAmtoolCheckConfig() {
        Path config = Path.of("src/main/resources/alertmanager/alertmanager.yml").toAbsolutePath();

        ToolRun run =
                ToolRun.of(
                        Tools.system().locate(Tool.AMTOOL), dir, "check-config", config.toString());

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.output()).contains("SUCCESS", " - 2 receivers", " - 2 inhibit rules");
    }

    @Test
    void realAlertmanagerDeliversAPageWithTheBearerTokenFromTheFile() throws Exception {
        Path token = Files.writeString(dir.resolve("webhook.token"), "s3cret-webhook-token\n");
        BlockingQueue<String[]> deliveries = new LinkedBlockingQueue<>();
        HttpServer console = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        console.createContext(
                "/hooks/alertmanager",
                exchange -> {
                    String body =
                            new String(
                                    exchange.getRequestBody().readAllBytes(),
                                    StandardCharsets.UTF_8);
                    deliveries.add(
                            new String[] {
                                exchange.getRequestHeaders().getFirst("Authorization"), body
                            });
                    exchange.sendResponseHeaders(200, -1);
                    exchange.close();
                });
        console.start();
        String hook = "http://127.0.0.1:" + console.getAddress().getPort() + "/hooks/alertmanager";
        try (AlertmanagerServer alertmanager =
                AlertmanagerServer.start(AlertmanagerConfig.withConsole(hook, token))) {
            postAlert(alertmanager.baseUri());

            // The page route groups for 10 s before its first notification.
            String[] delivery = deliveries.poll(40, TimeUnit.SECONDS);

            assertThat(delivery).as("no webhook delivery within 40 s").isNotNull();
            assertThat(delivery[0]).isEqualTo("Bearer s3cret-webhook-token");
            assertThat(delivery[1])
                    .contains("\"receiver\":\"console-page\"", "\"status\":\"firing\"")
                    .contains("\"alertname\":\"TensorWasmAvailabilityFastBurn\"")
                    .contains(
                            "\"runbook_url\":\"http://127.0.0.1:8090/runbooks/availability-fast-burn\"");
        } finally {
            console.stop(0);
        }
    }

    @Test
    void theFastBurnHoldsBackTheSlowBurnOfTheSameSloAndInstanceOnly() throws Exception {
        Path token = Files.writeString(dir.resolve("webhook.token"), "t\n");
        String hook = "http://127.0.0.1:9/hooks/alertmanager";
        try (AlertmanagerServer alertmanager =
                AlertmanagerServer.start(AlertmanagerConfig.withConsole(hook, token))) {
            post(
                    alertmanager.baseUri(),
                    "["
                            + burn("TensorWasmAvailabilityFastBurn", "page", "fast", "")
                            + ","
                            + burn("TensorWasmAvailabilitySlowBurn", "page", "slow", "")
                            + ","
                            + burn("TensorWasmAvailabilityFastBurn", "page", "fast", "rt-a:8080")
                            + ","
                            + burn("TensorWasmAvailabilitySlowBurn", "page", "slow", "rt-b:8080")
                            + "]");

            // The inhibitor hears of the fast burn a moment after the API took it: ask again.
            JsonNode alerts =
                    awaitAlerts(
                            alertmanager.baseUri(),
                            all ->
                                    all.size() == 4
                                            && state(all, "TensorWasmAvailabilitySlowBurn", "")
                                                    .equals("suppressed"));

            assertThat(state(alerts, "TensorWasmAvailabilitySlowBurn", ""))
                    .as("the slow burn of the fleet-wide SLO, while the fast one fires")
                    .isEqualTo("suppressed");
            assertThat(state(alerts, "TensorWasmAvailabilitySlowBurn", "rt-b:8080"))
                    .as("a slow burn on another instance than the fast one's")
                    .isEqualTo("active");
            assertThat(state(alerts, "TensorWasmAvailabilityFastBurn", "")).isEqualTo("active");
        }
    }

    private static String burn(String name, String severity, String tier, String instance) {
        return "{\"labels\": {\"alertname\": \""
                + name
                + "\", \"severity\": \""
                + severity
                + "\", \"slo\": \"invoke-availability\", \"tier\": \""
                + tier
                + "\""
                + (instance.isEmpty() ? "" : ", \"instance\": \"" + instance + "\"")
                + "}}";
    }

    private static JsonNode awaitAlerts(URI alertmanager, Predicate<JsonNode> done)
            throws Exception {
        Instant deadline = Instant.now().plusSeconds(20);
        while (true) {
            HttpResponse<String> answer =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(alertmanager.resolve("/api/v2/alerts"))
                                            .timeout(Duration.ofSeconds(10))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
            JsonNode alerts = new ObjectMapper().readTree(answer.body());
            if (done.test(alerts)) {
                return alerts;
            }
            assertThat(Instant.now())
                    .as("waiting for the alerts in %s", answer.body())
                    .isBefore(deadline);
            Thread.sleep(200);
        }
    }

    private static String state(JsonNode alerts, String name, String instance) {
        for (JsonNode alert : alerts) {
            JsonNode labels = alert.path("labels");
            if (labels.path("alertname").asText().equals(name)
                    && labels.path("instance").asText().equals(instance)) {
                return alert.path("status").path("state").asText();
            }
        }
        return "absent";
    }

    private static void postAlert(URI alertmanager) throws Exception {
        post(
                alertmanager,
                """
                [{"labels": {"alertname": "TensorWasmAvailabilityFastBurn", "severity": "page",
                             "slo": "invoke-availability"},
                  "annotations": {"runbook_url": "http://127.0.0.1:8090/runbooks/availability-fast-burn"}}]
                """);
    }

    private static void post(URI alertmanager, String alerts) throws Exception {
        HttpResponse<String> response =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(alertmanager.resolve("/api/v2/alerts"))
                                        .header("Content-Type", "application/json")
                                        .timeout(Duration.ofSeconds(10))
                                        .POST(HttpRequest.BodyPublishers.ofString(alerts))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}

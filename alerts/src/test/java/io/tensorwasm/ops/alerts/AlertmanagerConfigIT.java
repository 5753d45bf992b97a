package io.tensorwasm.ops.alerts;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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
        assertThat(run.output()).contains("SUCCESS", " - 2 receivers", " - 1 inhibit rules");
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

    private static void postAlert(URI alertmanager) throws Exception {
        String alerts =
                """
                [{"labels": {"alertname": "TensorWasmAvailabilityFastBurn", "severity": "page",
                             "slo": "invoke-availability"},
                  "annotations": {"runbook_url": "http://127.0.0.1:8090/runbooks/availability-fast-burn"}}]
                """;
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

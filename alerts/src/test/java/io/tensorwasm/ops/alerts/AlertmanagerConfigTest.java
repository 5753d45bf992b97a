package io.tensorwasm.ops.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertmanagerConfigTest {

    private static final String HOOK = "http://127.0.0.1:8090/hooks/alertmanager";

    @Test
    void pagesAndTicketsRouteToTheirOwnConsoleReceivers() {
        JsonNode routes = AlertmanagerConfig.load().path("route").path("routes");

        assertThat(routes).hasSize(2);
        assertThat(routes.get(0).path("matchers").get(0).asText()).isEqualTo("severity=\"page\"");
        assertThat(routes.get(0).path("receiver").asText()).isEqualTo("console-page");
        assertThat(routes.get(1).path("matchers").get(0).asText()).isEqualTo("severity=\"ticket\"");
        assertThat(routes.get(1).path("receiver").asText()).isEqualTo("console-ticket");
    }

    @Test
    void everyWebhookSendsResolvedToTheConsoleWithATokenReadFromAFile() {
        List<JsonNode> webhooks = webhooks(AlertmanagerConfig.load());

        assertThat(webhooks).hasSize(2);
        for (JsonNode webhook : webhooks) {
            assertThat(webhook.path("url").asText()).isEqualTo(HOOK);
            assertThat(webhook.path("send_resolved").asBoolean()).isTrue();
            assertThat(webhook.path("max_alerts").asInt()).isEqualTo(100);
            JsonNode authorization = webhook.path("http_config").path("authorization");
            assertThat(authorization.path("type").asText()).isEqualTo("Bearer");
            assertThat(authorization.path("credentials_file").asText())
                    .isEqualTo("/etc/tensor-wasm-ops/alertmanager-webhook.token");
            assertThat(authorization.has("credentials")).isFalse();
            assertThat(webhook.path("http_config").has("bearer_token")).isFalse();
        }
    }

    @Test
    void withConsoleRewritesEveryWebhookAndNothingElse() throws Exception {
        String yaml =
                AlertmanagerConfig.withConsole(
                        "http://127.0.0.1:4242/hooks/alertmanager", Path.of("/tmp/t"));
        JsonNode rewritten = new YAMLMapper().readTree(yaml);

        for (JsonNode webhook : webhooks(rewritten)) {
            assertThat(webhook.path("url").asText())
                    .isEqualTo("http://127.0.0.1:4242/hooks/alertmanager");
            assertThat(
                            webhook.path("http_config")
                                    .path("authorization")
                                    .path("credentials_file")
                                    .asText())
                    .isEqualTo("/tmp/t");
        }
        assertThat(rewritten.path("route")).isEqualTo(AlertmanagerConfig.load().path("route"));
    }

    private static List<JsonNode> webhooks(JsonNode config) {
        List<JsonNode> webhooks = new ArrayList<>();
        config.path("receivers").forEach(r -> r.path("webhook_configs").forEach(webhooks::add));
        return webhooks;
    }
}

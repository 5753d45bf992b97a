package io.tensorwasm.ops.oncall.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One button click as Slack posts it to an interactivity URL: a form with a {@code payload} field
 * holding a {@code block_actions} JSON document, of which the console reads the user's id and the
 * first action's {@code action_id} and {@code value}.
 *
 * @param userId the Slack user who clicked, {@code U...}
 * @param actionId which button
 * @param value what the button names: {@code incident:3}, {@code execution:7:question:1}
 */
record SlackClick(String userId, String actionId, String value) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads the form body; empty when it is not a block action with a user and a button. */
    static Optional<SlackClick> parse(String form) {
        String payload = null;
        for (String field : form.split("&")) {
            if (field.startsWith("payload=")) {
                payload = URLDecoder.decode(field.substring(8), StandardCharsets.UTF_8);
            }
        }
        if (payload == null) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (IOException ignored) {
            return Optional.empty();
        }
        JsonNode action = root.path("actions").path(0);
        String user = root.path("user").path("id").asText("");
        if (!"block_actions".equals(root.path("type").asText())
                || user.isEmpty()
                || action.isMissingNode()) {
            return Optional.empty();
        }
        return Optional.of(
                new SlackClick(
                        user,
                        action.path("action_id").asText(""),
                        action.path("value").asText("")));
    }

    /** The number after {@code name:} in the value, if it is there. */
    Optional<Long> number(String name) {
        String[] parts = value.split(":");
        for (int i = 0; i + 1 < parts.length; i++) {
            if (parts[i].equals(name) && parts[i + 1].matches("\\d{1,18}")) {
                return Optional.of(Long.parseLong(parts[i + 1]));
            }
        }
        return Optional.empty();
    }
}

package io.tensorwasm.ops.oncall.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An Alertmanager webhook delivery, payload version 4: a group of alerts, each firing or resolved.
 * {@link #parse(String)} checks what the console relies on and names what is wrong and where, e.g.
 * {@code alerts[1].startsAt: "yesterday" is not an RFC 3339 time}.
 *
 * @param status the group's status
 * @param receiver the receiver that sent it
 * @param externalUrl Alertmanager's own URL
 * @param alerts the alerts of the group, every one of them, each time
 */
public record AlertmanagerPayload(
        String status, String receiver, String externalUrl, List<Alert> alerts) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One alert of the group.
     *
     * @param status {@code firing} or {@code resolved}
     * @param fingerprint Alertmanager's identity of the alert's label set
     * @param startsAt when it started firing; with the fingerprint, identifies one firing
     * @param labels its labels, {@code alertname} among them
     * @param annotations its annotations, such as {@code runbook_url} and {@code dashboard_url}
     */
    public record Alert(
            String status,
            String fingerprint,
            Instant startsAt,
            Map<String, String> labels,
            Map<String, String> annotations) {

        /** The {@code alertname} label. */
        public String name() {
            return labels.getOrDefault("alertname", "");
        }

        /** True when the alert is firing, false when resolved. */
        public boolean firing() {
            return status.equals("firing");
        }
    }

    /**
     * Reads and checks a delivery; a problem is an {@link IllegalArgumentException} saying where.
     */
    public static AlertmanagerPayload parse(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "body is not JSON: "
                            + e.getOriginalMessage()
                            + " at line "
                            + e.getLocation().getLineNr()
                            + ", column "
                            + e.getLocation().getColumnNr());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("body is not a JSON object");
        }
        String version = text(root, "version", "");
        if (!version.equals("4")) {
            throw new IllegalArgumentException(
                    "version: \""
                            + version
                            + "\" is not supported; Alertmanager's webhook payload version 4 is");
        }
        JsonNode alerts = root.get("alerts");
        if (alerts == null || !alerts.isArray()) {
            throw new IllegalArgumentException("alerts: missing, or not an array");
        }
        List<Alert> parsed = new ArrayList<>();
        for (int i = 0; i < alerts.size(); i++) {
            parsed.add(alert(alerts.get(i), "alerts[" + i + "]"));
        }
        return new AlertmanagerPayload(
                status(root, ""),
                text(root, "receiver", ""),
                root.path("externalURL").asText(""),
                parsed);
    }

    private static Alert alert(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + ": not an object");
        }
        String fingerprint = text(node, "fingerprint", where + ".");
        String startsAt = text(node, "startsAt", where + ".");
        Instant start;
        try {
            start = Instant.parse(startsAt);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    where + ".startsAt: \"" + startsAt + "\" is not an RFC 3339 time");
        }
        Map<String, String> labels = strings(node.get("labels"), where + ".labels");
        if (!labels.containsKey("alertname")) {
            throw new IllegalArgumentException(where + ".labels: no alertname");
        }
        return new Alert(
                status(node, where + "."),
                fingerprint,
                start,
                labels,
                strings(node.get("annotations"), where + ".annotations"));
    }

    private static String status(JsonNode node, String prefix) {
        String status = text(node, "status", prefix);
        if (!status.equals("firing") && !status.equals("resolved")) {
            throw new IllegalArgumentException(
                    prefix + "status: \"" + status + "\" is neither firing nor resolved");
        }
        return status;
    }

    private static String text(JsonNode node, String field, String prefix) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(prefix + field + ": missing, or not a string");
        }
        return value.asText();
    }

    private static Map<String, String> strings(JsonNode node, String where) {
        Map<String, String> map = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return map;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + ": not an object");
        }
        node.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }
}

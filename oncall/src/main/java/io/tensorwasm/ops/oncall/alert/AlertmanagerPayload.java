package io.tensorwasm.ops.oncall.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tensorwasm.ops.engine.model.Texts;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An Alertmanager webhook delivery, payload version 4: a group of alerts, each firing or resolved.
 * {@link #parse(String)} checks what the console relies on and names what is wrong and where, e.g.
 * {@code alerts[1].startsAt: "yesterday" is not an RFC 3339 time}.
 *
 * @param status the group's status
 * @param receiver the receiver that sent it
 * @param externalUrl Alertmanager's own URL
 * @param alerts the alerts of the group that could be read, every one of them, each time
 * @param rejected the alerts that could not be read, each with where and why
 * @param groupKey the group's key, or empty
 * @param truncatedAlerts how many alerts Alertmanager left out ({@code max_alerts})
 */
public record AlertmanagerPayload(
        String status,
        String receiver,
        String externalUrl,
        List<Alert> alerts,
        List<Rejected> rejected,
        String groupKey,
        int truncatedAlerts) {

    /**
     * An alert of the group that could not be read: without a fingerprint or a start it cannot be
     * told apart from the others, so it is filed, not opened.
     *
     * @param where {@code alerts[3]}
     * @param reason what was wrong, with where
     * @param text the alert as sent, for the record
     */
    public record Rejected(String where, String reason, String text) {}

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

        /** An annotation that holds a link, when it is one: absolute, http or https. */
        public Optional<URI> link(String annotation) {
            String text = annotations.get(annotation);
            if (text == null) {
                return Optional.empty();
            }
            try {
                URI uri = new URI(text.strip());
                return uri.isAbsolute()
                                && ("http".equals(uri.getScheme())
                                        || "https".equals(uri.getScheme()))
                                && uri.getHost() != null
                        ? Optional.of(uri)
                        : Optional.empty();
            } catch (URISyntaxException e) {
                return Optional.empty();
            }
        }

        /**
         * What is wrong with the alert's rule, for the documentation bug it files: each link
         * annotation that is there but is no link.
         */
        public List<String> problems() {
            List<String> problems = new ArrayList<>();
            for (String annotation : List.of("runbook_url", "dashboard_url")) {
                String text = annotations.get(annotation);
                if (text != null && link(annotation).isEmpty()) {
                    problems.add(
                            annotation
                                    + " \""
                                    + Texts.clip(text, 200)
                                    + "\" is not a URL (absolute, http or https)");
                }
            }
            return problems;
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
        List<Rejected> rejected = new ArrayList<>();
        for (int i = 0; i < alerts.size(); i++) {
            String where = "alerts[" + i + "]";
            try {
                parsed.add(alert(alerts.get(i), where));
            } catch (IllegalArgumentException unreadable) {
                // One unreadable alert never stops the others (issue #16).
                rejected.add(
                        new Rejected(
                                where,
                                unreadable.getMessage(),
                                Texts.clip(alerts.get(i).toString(), 2000)));
            }
        }
        return new AlertmanagerPayload(
                status(root, ""),
                text(root, "receiver", ""),
                root.path("externalURL").asText(""),
                parsed,
                rejected,
                root.path("groupKey").asText(""),
                Math.max(0, root.path("truncatedAlerts").asInt(0)));
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
        if (fingerprint.length() > 64) {
            throw new IllegalArgumentException(
                    where + ".fingerprint: longer than 64 characters, which no Alertmanager sends");
        }
        if (fingerprint.indexOf('@') >= 0) {
            throw new IllegalArgumentException(
                    where + ".fingerprint: \"" + Texts.clip(fingerprint, 100) + "\" holds an @");
        }
        if (!labels.containsKey("alertname")) {
            throw new IllegalArgumentException(where + ".labels: no alertname");
        }
        if (labels.get("alertname").isBlank() || labels.get("alertname").length() > 200) {
            throw new IllegalArgumentException(
                    where + ".labels.alertname: blank, or longer than 200 characters");
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

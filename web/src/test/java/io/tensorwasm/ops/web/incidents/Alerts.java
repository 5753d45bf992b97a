package io.tensorwasm.ops.web.incidents;

/** Alertmanager webhook bodies (payload version 4) for the test runbooks' alerts. */
final class Alerts {

    static final String STARTS_AT = "2026-11-25T03:00:00Z";

    private Alerts() {}

    static String firing(String alertName, String fingerprint) {
        return group("firing", alert("firing", alertName, fingerprint));
    }

    /** A firing with more labels, such as an {@code instance} that fills a parameter. */
    static String firing(String alertName, String fingerprint, String instance) {
        return group(
                "firing",
                alert("firing", alertName, fingerprint)
                        .replace(
                                "\"severity\":\"page\"}",
                                "\"severity\":\"page\",\"instance\":\"" + instance + "\"}"));
    }

    static String resolved(String alertName, String fingerprint) {
        return group("resolved", alert("resolved", alertName, fingerprint));
    }

    private static String group(String status, String alert) {
        return "{\"receiver\":\"console-page\",\"status\":\""
                + status
                + "\",\"alerts\":["
                + alert
                + "],\"groupLabels\":{},\"commonLabels\":{},\"commonAnnotations\":{},"
                + "\"externalURL\":\"http://127.0.0.1:9093\",\"version\":\"4\","
                + "\"groupKey\":\"{}:{}\",\"truncatedAlerts\":0}";
    }

    private static String alert(String status, String name, String fingerprint) {
        return "{\"status\":\""
                + status
                + "\",\"labels\":{\"alertname\":\""
                + name
                + "\",\"severity\":\"page\"},"
                + "\"annotations\":{\"summary\":\""
                + name
                + " fires.\",\"dashboard_url\":\"http://127.0.0.1:3000/d/x?viewPanel=7\"},"
                + "\"startsAt\":\""
                + STARTS_AT
                + "\",\"endsAt\":\"0001-01-01T00:00:00Z\","
                + "\"generatorURL\":\"http://127.0.0.1:9090/graph\",\"fingerprint\":\""
                + fingerprint
                + "\"}";
    }
}

package io.tensorwasm.ops.web.incidents;

/** Alertmanager webhook bodies (payload version 4) as Alertmanager 0.25 writes them. */
final class Deliveries {

    private Deliveries() {}

    static String group(String status, String... alerts) {
        return "{\"receiver\":\"console-page\",\"status\":\""
                + status
                + "\",\"alerts\":["
                + String.join(",", alerts)
                + "],\"groupLabels\":{\"alertname\":\"x\"},"
                + "\"commonLabels\":{},\"commonAnnotations\":{},"
                + "\"externalURL\":\"http://127.0.0.1:9093\",\"version\":\"4\","
                + "\"groupKey\":\"{}:{alertname=\\\"x\\\"}\",\"truncatedAlerts\":0}";
    }

    static String alert(String status, String name, String fingerprint, String runbook) {
        String runbookAnnotation =
                runbook == null
                        ? ""
                        : ",\"runbook_url\":\"http://127.0.0.1:8090/runbooks/" + runbook + "\"";
        return "{\"status\":\""
                + status
                + "\",\"labels\":{\"alertname\":\""
                + name
                + "\",\"severity\":\"page\",\"instance\":\"127.0.0.1:8080\"},"
                + "\"annotations\":{\"summary\":\"invokes failing\","
                + "\"dashboard_url\":\"http://127.0.0.1:3000/d/tensor-wasm-overview?viewPanel=7\""
                + runbookAnnotation
                + "},"
                + "\"startsAt\":\"2026-11-25T03:00:00.000Z\",\"endsAt\":\""
                + (status.equals("firing") ? "0001-01-01T00:00:00Z" : "2026-11-25T03:20:00.000Z")
                + "\",\"generatorURL\":\"http://127.0.0.1:9090/graph\",\"fingerprint\":\""
                + fingerprint
                + "\"}";
    }
}

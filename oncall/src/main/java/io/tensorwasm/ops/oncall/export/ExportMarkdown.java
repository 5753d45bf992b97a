package io.tensorwasm.ops.oncall.export;

import static io.tensorwasm.ops.oncall.export.IncidentExport.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The export as Markdown for a postmortem document: the same facts as the JSON, as tables. */
final class ExportMarkdown {

    private ExportMarkdown() {}

    static String render(ObjectNode export) {
        JsonNode i = export.get("incident");
        JsonNode t = export.get("times");
        StringBuilder md = new StringBuilder();
        md.append("# Incident ").append(text(i, "id")).append(": ").append(cell(text(i, "title")));
        md.append("\n\n");
        md.append("- Severity: ").append(text(i, "severity")).append('\n');
        md.append("- Status: ").append(text(i, "status")).append('\n');
        md.append("- Alert: ").append(text(i, "alert")).append('\n');
        md.append("- Runbook: ").append(text(i, "runbook")).append('\n');
        md.append("- Opened: ").append(text(i, "opened_at")).append('\n');
        md.append("- Closed: ").append(text(i, "closed_at")).append('\n');
        md.append("- Time to acknowledge: ")
                .append(secs(t, "time_to_acknowledge_seconds"))
                .append(" (first acknowledged by ")
                .append(text(t, "first_acknowledged_by"))
                .append(")\n");
        md.append("- Time to resolve: ").append(secs(t, "time_to_resolve_seconds")).append("\n\n");
        md.append("## Alerts\n\n| Status | Alert | Started | Received |\n|---|---|---|---|\n");
        export.get("alerts")
                .forEach(
                        a ->
                                row(
                                        md,
                                        text(a, "status"),
                                        text(a, "name"),
                                        text(a, "starts_at"),
                                        text(a, "received_at")));
        md.append("\n## Pages and acknowledgements\n\n");
        md.append(
                "| Tier | Person | Sent | Acknowledged | By | Time to acknowledge | Escalated |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        export.get("pages")
                .forEach(
                        p ->
                                row(
                                        md,
                                        text(p, "tier"),
                                        text(p, "person"),
                                        text(p, "sent_at"),
                                        text(p, "acknowledged_at"),
                                        text(p, "acknowledged_by"),
                                        secs(p, "time_to_acknowledge_seconds"),
                                        text(p, "escalated_at")));
        md.append(
                "\n## Approvals\n\n| Execution | Step | By | Decision | At |\n|---|---|---|---|---|\n");
        export.get("approvals")
                .forEach(
                        a ->
                                row(
                                        md,
                                        text(a, "execution_id"),
                                        text(a, "step"),
                                        text(a, "by"),
                                        text(a, "decision"),
                                        text(a, "at")));
        md.append("\n## Executions\n");
        for (JsonNode e : export.get("executions")) {
            md.append("\n### Execution ")
                    .append(text(e, "id"))
                    .append(" of ")
                    .append(text(e, "runbook"))
                    .append(" (")
                    .append(text(e, "mode"))
                    .append(", ")
                    .append(text(e, "status"))
                    .append(")\n\n");
            md.append(cell(text(e, "summary"))).append("\n\n");
            if (!e.get("resumed").isNull()) {
                JsonNode r = e.get("resumed");
                md.append("Continues execution ")
                        .append(text(r, "parent_id"))
                        .append(" from step ")
                        .append(text(r, "from_step"))
                        .append(", resumed by ")
                        .append(text(r, "by"))
                        .append(" (")
                        .append(text(r, "version"))
                        .append(" version): ")
                        .append(cell(text(r, "reason")))
                        .append("\n\n");
            }
            md.append(
                    "| Step | Action | Status | Estimate | Actual | Check | Observed | Values seen |\n");
            md.append("|---|---|---|---|---|---|---|---|\n");
            for (JsonNode s : e.get("steps")) {
                StringBuilder seen = new StringBuilder();
                s.get("values_seen")
                        .forEach(
                                v ->
                                        seen.append(seen.length() == 0 ? "" : "; ")
                                                .append(text(v, "observed")));
                row(
                        md,
                        text(s, "step"),
                        text(s, "action"),
                        text(s, "status"),
                        secs(s, "estimate_seconds"),
                        secs(s, "actual_seconds"),
                        text(s.get("check"), "expected")
                                + " ("
                                + text(s.get("check"), "outcome")
                                + ")",
                        text(s.get("check"), "observed"),
                        seen.toString());
            }
        }
        md.append("\n## Kill switch\n\n| Engaged | By | Reason | At |\n|---|---|---|---|\n");
        export.get("kill_switch")
                .forEach(
                        k ->
                                row(
                                        md,
                                        text(k, "engaged"),
                                        text(k, "by"),
                                        text(k, "reason"),
                                        text(k, "at")));
        md.append("\n## Timeline\n\n| At | Kind | What |\n|---|---|---|\n");
        export.get("timeline")
                .forEach(e -> row(md, text(e, "at"), text(e, "kind"), text(e, "text")));
        return md.toString();
    }

    private static String secs(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isNumber() ? String.format(java.util.Locale.ROOT, "%.1f s", v.asDouble()) : "-";
    }

    private static void row(StringBuilder md, String... cells) {
        md.append('|');
        for (String c : cells) {
            md.append(' ').append(cell(c)).append(" |");
        }
        md.append('\n');
    }

    /** A cell's text on one line with its pipes escaped. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }
}

package io.tensorwasm.ops.oncall.paging;

import io.tensorwasm.ops.oncall.incident.Severity;
import java.net.URI;
import java.util.Objects;

/**
 * What a page carries (seed 003, "How to page"): the alert, the host, and links to the incident,
 * the dashboard time range and the runbook. A page without the runbook link is refused: it makes
 * the person paged do extra work under stress.
 *
 * @param dedupKey ties the trigger, acknowledgement and resolution of one incident together
 * @param severity how bad it is
 * @param alertName the alert, which names the runbook file
 * @param host the host or deployment
 * @param summary one line saying what is wrong
 * @param incidentUrl the incident in the console
 * @param dashboardUrl the dashboard, with the alert's time range
 * @param runbookUrl the runbook to follow
 */
public record PageMessage(
        String dedupKey,
        Severity severity,
        String alertName,
        String host,
        String summary,
        URI incidentUrl,
        URI dashboardUrl,
        URI runbookUrl) {

    public PageMessage {
        Objects.requireNonNull(dedupKey, "dedupKey");
        Objects.requireNonNull(severity, "severity");
        require(alertName, "alert name", alertName);
        require(host, "host", alertName);
        require(summary, "summary", alertName);
        Objects.requireNonNull(incidentUrl, () -> "page for " + alertName + ": no incident link");
        Objects.requireNonNull(dashboardUrl, () -> "page for " + alertName + ": no dashboard link");
        if (runbookUrl == null) {
            throw new IllegalArgumentException(
                    "page for "
                            + alertName
                            + ": no runbook link; a page must carry the runbook link (seed 003)");
        }
    }

    private static void require(String value, String what, String alertName) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("page for " + alertName + ": no " + what);
        }
    }

    /** The same page with another summary: an escalation says why it pages again. */
    public PageMessage withSummary(String other) {
        return new PageMessage(
                dedupKey, severity, alertName, host, other, incidentUrl, dashboardUrl, runbookUrl);
    }

    /** The subject line every channel uses: {@code [sev-1] AlertName on host: summary}. */
    public String headline() {
        return "[" + severity.label() + "] " + alertName + " on " + host + ": " + summary;
    }
}

package io.tensorwasm.ops.web.incidents;

import java.util.List;

/**
 * One incident: what it is, where its remediation stands, and its timeline in order.
 *
 * @param id its number
 * @param title what it is about
 * @param severity sev-1, sev-2 or sev-3
 * @param status open, acknowledged, mitigated (postmortem pending), resolved
 * @param host the host or deployment
 * @param opened when it was opened
 * @param runbookId the runbook that answers it, or empty
 * @param remediation the runbook's policy and where it stands, or empty
 * @param executionId the execution it ran or prepared, or 0
 * @param closed true once resolved: the forms are gone
 * @param timeline every entry, oldest first
 */
public record IncidentPage(
        long id,
        String title,
        String severity,
        String status,
        String host,
        String opened,
        String runbookId,
        String remediation,
        long executionId,
        boolean closed,
        List<Entry> timeline) {

    public IncidentPage {
        timeline = List.copyOf(timeline);
    }

    /**
     * One timeline entry.
     *
     * @param at when, to the second
     * @param kind what sort, in words ({@code run started}, {@code check})
     * @param css the entry's class, from its kind
     * @param text what happened
     */
    public record Entry(String at, String kind, String css, String text) {}
}

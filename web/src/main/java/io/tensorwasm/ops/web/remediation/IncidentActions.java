package io.tensorwasm.ops.web.remediation;

import io.tensorwasm.ops.web.incident.Incident;
import io.tensorwasm.ops.web.incident.IncidentStore;
import io.tensorwasm.ops.web.incident.TimelineEvent.Kind;
import io.tensorwasm.ops.web.paging.Paging;
import io.tensorwasm.ops.web.webhook.Remediation;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * What the on-call does to an incident from the console or the API (seed 003, "After the on-call
 * joins" and "Sev-1 deferral criteria"): acknowledge, hand off with a summary, defer as "mitigated,
 * postmortem pending", resolve. Each lands in the timeline with who did it. Blocks on the database
 * and on page delivery: call from a worker thread.
 */
public final class IncidentActions {

    private final IncidentStore incidents;
    private final Paging paging;
    private final Remediation remediation;
    private final Clock clock;

    IncidentActions(IncidentStore incidents, Paging paging, Remediation remediation, Clock clock) {
        this.incidents = incidents;
        this.paging = paging;
        this.remediation = remediation;
        this.clock = clock;
    }

    /**
     * Acknowledges the incident's pages, which stops their escalation; with no open page, records
     * the acknowledgement all the same. Empty when there is no such incident.
     */
    public Optional<Incident> acknowledge(long id, String by) {
        Optional<Incident> incident = incidents.find(id);
        if (incident.isEmpty()) {
            return incident;
        }
        if (!paging.acknowledge(id, by)) {
            Instant now = clock.instant();
            incidents.append(
                    id, Kind.ACKNOWLEDGED, "acknowledged by " + by + " (no open page)", now);
            if (incident.get().status() == Incident.Status.OPEN) {
                incidents.setStatus(id, Incident.Status.ACKNOWLEDGED, now);
            }
        }
        return incidents.find(id);
    }

    /** Records the handoff summary: what fired, what was tried, what worked, what did not. */
    public Optional<Incident> handoff(long id, String by, String summary) {
        String text =
                required(
                        summary,
                        "a handoff summary says what fired, what was tried, what worked and what did not");
        return withIncident(
                id,
                incident ->
                        incidents.append(
                                id,
                                Kind.HANDOFF,
                                "handoff by " + by + ": " + text,
                                clock.instant()));
    }

    /** Defers the rest to the next business day: mitigated, postmortem pending. */
    public Optional<Incident> defer(long id, String by, String reason) {
        String text =
                required(
                        reason,
                        "a deferral says why the rest can wait (seed 003: mitigation in place, one tenant, under 10% of the budget)");
        return withIncident(
                id,
                incident -> {
                    Instant now = clock.instant();
                    incidents.append(
                            id,
                            Kind.DEFERRED,
                            "deferred by "
                                    + by
                                    + ": "
                                    + Incident.Status.MITIGATED.label()
                                    + "; "
                                    + text,
                            now);
                    incidents.setStatus(id, Incident.Status.MITIGATED, now);
                });
    }

    /** Resolves the incident by hand; its pages are resolved with their services. */
    public Optional<Incident> resolve(long id, String by, String note) {
        String text = note == null ? "" : note.strip();
        return withIncident(
                id,
                incident -> {
                    Instant now = clock.instant();
                    incidents.append(
                            id,
                            Kind.RESOLVED,
                            "resolved by " + by + (text.isEmpty() ? "" : ": " + text),
                            now);
                    incidents.setStatus(id, Incident.Status.RESOLVED, now);
                    paging.resolve(id, incident.dedupKey());
                    remediation.resolved(incident);
                });
    }

    private Optional<Incident> withIncident(long id, java.util.function.Consumer<Incident> action) {
        Optional<Incident> incident = incidents.find(id);
        incident.ifPresent(action);
        return incident.flatMap(i -> incidents.find(id));
    }

    private static String required(String text, String rule) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty: " + rule);
        }
        String stripped = text.strip();
        return stripped.length() > 2000 ? stripped.substring(0, 1997) + "..." : stripped;
    }
}

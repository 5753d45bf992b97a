package io.tensorwasm.ops.web.webhook;

import io.tensorwasm.ops.web.incident.Incident;
import io.tensorwasm.ops.web.incident.IncidentStore;
import io.tensorwasm.ops.web.incident.RunbookIndex;
import io.tensorwasm.ops.web.incident.TimelineEvent.Kind;
import io.tensorwasm.ops.web.paging.PageMessage;
import io.tensorwasm.ops.web.paging.Paging;
import io.tensorwasm.ops.web.paging.Severity;
import io.tensorwasm.ops.web.webhook.AlertmanagerPayload.Alert;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Turns alerts into incidents (DESIGN.md, "The flow of one alert"): a new firing opens an incident,
 * pages by severity and hands the runbook to remediation; its resolution closes the incident. An
 * alert without a runbook is a documentation bug and opens an incident of its own.
 */
public final class IncidentDesk {

    private final IncidentStore incidents;
    private final Paging paging;
    private final RunbookIndex runbooks;
    private final Remediation remediation;
    private final URI consoleUrl;
    private final URI grafanaUrl;
    private final String deployment;
    private final Clock clock;

    /** A desk that links incidents under the console's base URL. */
    public IncidentDesk(
            IncidentStore incidents,
            Paging paging,
            RunbookIndex runbooks,
            Remediation remediation,
            Links links,
            Clock clock) {
        this.incidents = incidents;
        this.paging = paging;
        this.runbooks = runbooks;
        this.remediation = remediation;
        this.consoleUrl = links.console();
        this.grafanaUrl = links.grafana();
        this.deployment = links.deployment();
        this.clock = clock;
    }

    /**
     * Base URLs for the links a page carries, and the deployment an alert without a host label is
     * about.
     *
     * @param console the console, for incident and runbook links
     * @param grafana Grafana, when an alert has no dashboard link of its own
     * @param deployment the host of an alert whose labels name none (the SLO alerts aggregate over
     *     every instance), e.g. the runtime's {@code 127.0.0.1:8080}
     */
    public record Links(URI console, URI grafana, String deployment) {}

    /** Handles one newly recorded firing. */
    public Incident firing(Alert alert, boolean alreadyResolved) {
        Instant now = clock.instant();
        Optional<RunbookIndex.Entry> runbook = runbookFor(alert);
        Severity severity = severity(alert, runbook);
        IncidentStore.Opened opened =
                incidents.open(
                        new IncidentStore.NewIncident(
                                key(alert),
                                alert.name() + " on " + host(alert),
                                severity,
                                alert.name(),
                                runbook.map(RunbookIndex.Entry::id).orElse(null),
                                host(alert)),
                        now);
        Incident incident = opened.incident();
        if (!opened.opened()) {
            return incident;
        }
        incidents.append(
                incident.id(),
                Kind.ALERT_FIRING,
                alert.name() + " firing since " + alert.startsAt() + summary(alert),
                now);
        if (alreadyResolved) {
            incidents.append(
                    incident.id(),
                    Kind.ALERT_RESOLVED,
                    "its resolution arrived before the firing; nothing to do",
                    now);
            incidents.setStatus(incident.id(), Incident.Status.RESOLVED, now);
            return incident;
        }
        if (runbook.isEmpty()) {
            documentationBug(alert, incident, now);
            return incident;
        }
        Remediation.Plan plan = remediation.plan(incident, runbook.get().id(), alert);
        paging.page(
                incident,
                message(alert, incident, runbook.get(), plan.note()),
                plan.holdPagesUntil());
        plan.begin().run();
        return incident;
    }

    /** Handles one newly recorded resolution. */
    public void resolved(Alert alert) {
        Instant now = clock.instant();
        incidents
                .findByKey(key(alert))
                .filter(incident -> incident.status() != Incident.Status.RESOLVED)
                .ifPresent(
                        incident -> {
                            incidents.append(
                                    incident.id(),
                                    Kind.ALERT_RESOLVED,
                                    alert.name() + " resolved",
                                    now);
                            incidents.append(
                                    incident.id(),
                                    Kind.RESOLVED,
                                    "closed by the alert's resolution",
                                    now);
                            incidents.setStatus(incident.id(), Incident.Status.RESOLVED, now);
                            paging.resolve(incident.id(), incident.dedupKey());
                            remediation.resolved(incident);
                        });
    }

    /** The incident key of one firing: its fingerprint and start. */
    public static String key(Alert alert) {
        return alert.fingerprint() + "@" + alert.startsAt();
    }

    private void documentationBug(Alert alert, Incident incident, Instant now) {
        incidents.append(
                incident.id(),
                Kind.NOTE,
                "no runbook answers "
                        + alert.name()
                        + "; nobody was paged for it: a page without a runbook link is refused",
                now);
        IncidentStore.Opened bug =
                incidents.open(
                        new IncidentStore.NewIncident(
                                "no-runbook:" + alert.name(),
                                "Documentation bug: alert " + alert.name() + " has no runbook",
                                Severity.SEV_3,
                                alert.name(),
                                null,
                                host(alert)),
                        now);
        if (bug.opened()) {
            incidents.append(
                    bug.incident().id(),
                    Kind.NOTE,
                    "incident "
                            + incident.id()
                            + " fired "
                            + alert.name()
                            + ", which no runbook answers; add a page to"
                            + " runbooks/ and a row to its index",
                    now);
        }
    }

    private PageMessage message(
            Alert alert, Incident incident, RunbookIndex.Entry runbook, String note) {
        String dashboard = alert.annotations().get("dashboard_url");
        String summary = alert.annotations().getOrDefault("summary", alert.name() + " firing");
        return new PageMessage(
                incident.dedupKey(),
                incident.severity(),
                alert.name(),
                host(alert),
                note.isEmpty() ? summary : summary + " " + note,
                consoleUrl.resolve("/incidents/" + incident.id()),
                dashboard == null ? grafanaUrl : URI.create(dashboard),
                consoleUrl.resolve("/runbooks/" + runbook.id()));
    }

    private Optional<RunbookIndex.Entry> runbookFor(Alert alert) {
        String url = alert.annotations().get("runbook_url");
        if (url != null) {
            String path = URI.create(url.strip()).getPath();
            String id = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
            Optional<RunbookIndex.Entry> byUrl = runbooks.byId(id.replaceFirst("\\.md$", ""));
            if (byUrl.isPresent()) {
                return byUrl;
            }
        }
        return runbooks.byAlert(alert.name());
    }

    /** The runbook's severity, else the alert's label: sev-N as is, ticket sev-3, page sev-2. */
    static Severity severity(Alert alert, Optional<RunbookIndex.Entry> runbook) {
        String label = alert.labels().getOrDefault("severity", "");
        if (label.equals("ticket")) {
            return Severity.SEV_3;
        }
        if (runbook.isPresent()) {
            return runbook.get().severity();
        }
        return label.startsWith("sev-") ? Severity.parse(label) : Severity.DEFAULT;
    }

    private String host(Alert alert) {
        return alert.labels()
                .getOrDefault("instance", alert.labels().getOrDefault("host", deployment));
    }

    private static String summary(Alert alert) {
        String summary = alert.annotations().get("summary");
        return summary == null ? "" : ": " + summary;
    }
}

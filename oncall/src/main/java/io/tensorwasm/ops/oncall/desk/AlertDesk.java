package io.tensorwasm.ops.oncall.desk;

import io.tensorwasm.ops.engine.model.Durations;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.model.Texts;
import io.tensorwasm.ops.oncall.alert.AlertmanagerPayload;
import io.tensorwasm.ops.oncall.alert.AlertmanagerPayload.Alert;
import io.tensorwasm.ops.oncall.alert.RunbookUrl;
import io.tensorwasm.ops.oncall.catalogue.LibraryEntry;
import io.tensorwasm.ops.oncall.catalogue.RunbookLibrary;
import io.tensorwasm.ops.oncall.incident.Incident;
import io.tensorwasm.ops.oncall.incident.IncidentKey;
import io.tensorwasm.ops.oncall.incident.IncidentScopes;
import io.tensorwasm.ops.oncall.incident.IncidentStore;
import io.tensorwasm.ops.oncall.incident.Severity;
import io.tensorwasm.ops.oncall.incident.TimelineEvent.Kind;
import io.tensorwasm.ops.oncall.paging.PageMessage;
import io.tensorwasm.ops.oncall.paging.Paging;
import io.tensorwasm.ops.oncall.remediation.Escalations;
import io.tensorwasm.ops.oncall.remediation.Remediation;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The alert desk: the one place that opens, acknowledges, escalates and closes incidents (seed
 * 003). A new firing opens an incident, hands the runbook to remediation, starts what it plans and
 * then pages by severity (the run first: issue #22); its resolution closes the incident. An alert
 * without a runbook is a documentation bug and opens an incident of its own. The on-call's acts
 * (acknowledge, hand off, defer, resolve), escalations asked for by a run, overdue pages and the
 * incidents of failed drills all come here.
 *
 * <p>Every method blocks on the database and on page delivery: call it from a worker thread. It
 * stays one class past 400 lines because it is the one owner of an incident's life (one owner per
 * concept, docs/ARCHITECTURE.md); whether an alert joins an open incident is {@link SameFault}'s.
 *
 * <pre>{@code
 * AlertDesk desk = new AlertDesk(incidents, paging, library, links, clock, AlertRemediation::new);
 * desk.firing(alert, false);
 * desk.acknowledge(incidentId, "ana");
 * }</pre>
 */
public final class AlertDesk implements Escalations {

    private final IncidentStore incidents;
    private final Paging paging;
    private final RunbookLibrary library;
    private final Links links;
    private final Clock clock;
    private final Remediation remediation;
    private final FirstPages firstPages = new FirstPages();
    private final SameFault sameFault;

    /**
     * A desk over the incident store and the one {@link Paging} of the process.
     *
     * @param remediation builds the remediation the desk consults for every firing, given the desk
     *     to escalate through
     */
    public AlertDesk(
            IncidentStore incidents,
            Paging paging,
            RunbookLibrary library,
            Links links,
            Clock clock,
            Function<Escalations, Remediation> remediation) {
        this.incidents = incidents;
        this.paging = paging;
        this.library = library;
        this.links = links;
        this.clock = clock;
        this.remediation = remediation.apply(this);
        this.sameFault = new SameFault(incidents, clock);
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
    public record Links(URI console, URI grafana, String deployment) {

        /** The incident's page in the console. */
        public URI incident(long id) {
            return URI.create(Texts.base(console) + "/incidents/" + id);
        }

        /** A runbook's page in the console. */
        public URI runbook(String id) {
            return RunbookUrl.of(console, id);
        }
    }

    /** The remediation this desk consults. */
    public Remediation remediation() {
        return remediation;
    }

    /**
     * Handles one firing this node claimed: opens its incident, pages it and starts its runbook's
     * policy. A firing a crash interrupted is finished here: the incident is opened once, paged
     * once. A link annotation that is no link is a documentation bug, filed beside the incident,
     * which still opens and pages with the links that work.
     */
    public Incident firing(Alert alert, boolean alreadyResolved) {
        Instant now = clock.instant();
        Optional<Runbook> runbook = runbookFor(alert);
        String key = IncidentKey.of(alert.fingerprint(), alert.startsAt()).format();
        Severity severity = severity(alert, runbook);
        Optional<String> scope =
                alreadyResolved
                        ? Optional.empty()
                        : IncidentScopes.of(alert.labels().get("slo"), host(alert));
        Optional<Incident> joined = sameFault.join(alert, key, severity, scope);
        if (joined.isPresent()) {
            return joined.get();
        }
        IncidentStore.Opened opened =
                incidents.open(
                        new IncidentStore.NewIncident(
                                key,
                                Texts.clip(alert.name() + " on " + host(alert), 500),
                                severity,
                                alert.name(),
                                runbook.map(Runbook::id).orElse(null),
                                host(alert)),
                        scope,
                        now);
        Incident incident = opened.incident();
        if (!incident.dedupKey().equals(key)) {
            // Another node opened an incident of the scope first: this alert joins it.
            return sameFault.join(incident, alert);
        }
        if (!opened.opened()
                && (incident.status() == Incident.Status.RESOLVED || paging.paged(incident.id()))) {
            return incident;
        }
        if (opened.opened()) {
            incidents.scopes().hold(incident.id(), key, alert.name(), now);
            note(
                    incident.id(),
                    Kind.ALERT_FIRING,
                    alert.name() + " firing since " + alert.startsAt() + summary(alert));
        }
        if (alreadyResolved) {
            note(
                    incident.id(),
                    Kind.ALERT_RESOLVED,
                    "its resolution arrived before the firing; nothing to do");
            incidents.setStatus(incident.id(), Incident.Status.RESOLVED, now);
            return incident;
        }
        badAnnotations(alert, incident);
        if (runbook.isEmpty()) {
            documentationBug(alert, incident);
            return incident;
        }
        Remediation.Plan plan =
                remediation.plan(incident, runbook.get().id(), alert.fingerprint(), alert.labels());
        PageMessage page = message(alert, incident, runbook.get().id(), plan.note());
        // Issue #22: the run starts before the page goes out, so its first action does not wait
        // on the pager (a pager service takes 0.1 to 0.5 s); the page still says what the plan
        // does, and goes out even when the start fails. The delivery is marked handled only after
        // both, so a crash in between pages on the retry.
        firstPages.sending(incident.id());
        try {
            plan.begin().run();
        } finally {
            try {
                paging.page(incident, page, plan.holdPagesUntil());
            } finally {
                firstPages.sent(incident.id());
            }
        }
        return incident;
    }

    /**
     * Files an alert that could not be read at all (no fingerprint, no start): it cannot be told
     * apart from the others, so it opens no incident of its own but a sev-3 documentation bug, once
     * per alert text.
     */
    public void unreadable(AlertmanagerPayload.Rejected rejected, long deliveryId) {
        report(
                new IncidentStore.NewIncident(
                        "malformed-alert:" + digest(rejected.text()),
                        "Documentation bug: Alertmanager sent an alert that cannot be read",
                        Severity.SEV_3,
                        null,
                        null,
                        links.deployment()),
                List.of(
                        "delivery " + deliveryId + ", " + rejected.reason(),
                        "the alert as sent: " + rejected.text()),
                incident -> null);
    }

    /**
     * Files what Alertmanager left out of a group ({@code truncatedAlerts}, or past {@link
     * AlertIntake#MAX_ALERTS}): those alerts reached nobody, so a person must look.
     */
    public void truncated(String groupKey, int leftOut, long deliveryId) {
        report(
                new IncidentStore.NewIncident(
                        "truncated:" + digest(groupKey),
                        "Alerts left out of a delivery: raise Alertmanager's max_alerts or split"
                                + " the group",
                        Severity.SEV_3,
                        null,
                        null,
                        links.deployment()),
                List.of(
                        "delivery "
                                + deliveryId
                                + " left out "
                                + leftOut
                                + " alerts of group "
                                + Texts.clip(groupKey, 500)
                                + "; the ones left out were not opened or paged"),
                incident -> null);
    }

    /**
     * Handles one newly recorded resolution. When it is the alert the incident's runbook answers,
     * the runbook's work is verified; the incident closes when the last alert it holds resolves.
     */
    public void resolved(Alert alert) {
        String key = IncidentKey.of(alert.fingerprint(), alert.startsAt()).format();
        incidents
                .findByKey(key)
                .or(() -> incidents.scopes().holding(key))
                .filter(incident -> incident.status() != Incident.Status.RESOLVED)
                .ifPresent(
                        incident -> {
                            note(incident.id(), Kind.ALERT_RESOLVED, alert.name() + " resolved");
                            List<String> firing =
                                    incidents
                                            .scopes()
                                            .resolved(incident.id(), key, clock.instant());
                            if (firing.isEmpty()) {
                                close(incident, "closed by the alert's resolution");
                                return;
                            }
                            if (incident.dedupKey().equals(key)) {
                                remediation.resolved(incident);
                            }
                            note(
                                    incident.id(),
                                    Kind.NOTE,
                                    "still open: "
                                            + Texts.list(firing)
                                            + (firing.size() == 1 ? " still fires" : " still fire")
                                            + "; it closes when the last resolves");
                        });
    }

    /**
     * Acknowledges the incident's pages, which stops their escalation; with no open page, records
     * the acknowledgement all the same. Empty when there is no such incident.
     */
    public Optional<Incident> acknowledge(long id, String by) {
        return act(
                id,
                incident -> {
                    boolean pages = paging.acknowledge(id, by);
                    note(
                            id,
                            Kind.ACKNOWLEDGED,
                            "acknowledged by " + by + (pages ? "" : " (no open page)"));
                    if (incident.status() == Incident.Status.OPEN) {
                        incidents.setStatus(id, Incident.Status.ACKNOWLEDGED, clock.instant());
                    }
                });
    }

    /** Records the handoff summary: what fired, what was tried, what worked, what did not. */
    public Optional<Incident> handoff(long id, String by, String summary) {
        String text =
                required(
                        summary,
                        "a handoff summary says what fired, what was tried, what worked and what"
                                + " did not");
        return act(id, incident -> note(id, Kind.HANDOFF, "handoff by " + by + ": " + text));
    }

    /** Defers the rest to the next business day: mitigated, postmortem pending. */
    public Optional<Incident> defer(long id, String by, String reason) {
        String text =
                required(
                        reason,
                        "a deferral says why the rest can wait (seed 003: mitigation in place, one"
                                + " tenant, under 10% of the budget)");
        return act(
                id,
                incident -> {
                    note(
                            id,
                            Kind.DEFERRED,
                            "deferred by "
                                    + by
                                    + ": "
                                    + Incident.Status.MITIGATED.label()
                                    + "; "
                                    + text);
                    incidents.setStatus(id, Incident.Status.MITIGATED, clock.instant());
                });
    }

    /** Resolves the incident by hand; its pages are resolved with their services. */
    public Optional<Incident> resolve(long id, String by, String note) {
        String text = note == null ? "" : note.strip();
        return act(
                id,
                incident ->
                        close(
                                incident,
                                "resolved by "
                                        + by
                                        + (text.isEmpty() ? "" : ": " + Texts.clip(text, 2000))));
    }

    /**
     * Escalates the incident now, whatever its deadlines: its open pages are settled and the
     * rotation is paged again from the primary with the reason. Returns false when nobody could be
     * paged: a sev-3 never pages, and a rotation may be empty. Asked while the incident's first
     * page is going out, it escalates right after that page and returns true.
     */
    @Override
    public boolean escalate(long incidentId, String reason) {
        boolean[] paged = {true};
        // Asked by a run whose incident's first page is still going out: right after that page.
        firstPages.afterFirstPage(incidentId, () -> paged[0] = escalateNow(incidentId, reason));
        return paged[0];
    }

    private boolean escalateNow(long incidentId, String reason) {
        Incident incident =
                incidents
                        .find(incidentId)
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                incidentId + ": no such incident"));
        note(incidentId, Kind.ESCALATED, "escalated: " + reason);
        return paging.repage(incident, reason);
    }

    @Override
    public void holdPages(long incidentId, Instant until) {
        firstPages.afterFirstPage(incidentId, () -> paging.hold(incidentId, until));
    }

    /**
     * Escalates every page nobody acknowledged in time to the next tier; past the lead the rotation
     * is broken, which is an incident of its own. Safe on every node at once: each overdue page is
     * claimed by one. Returns how many pages this node escalated.
     */
    public int escalateOverdue() {
        List<Paging.Overdue> overdue = paging.claimOverdue();
        for (Paging.Overdue page : overdue) {
            Incident incident = incidents.find(page.incidentId()).orElseThrow();
            note(
                    incident.id(),
                    Kind.ESCALATED,
                    page.tier().label()
                            + " ("
                            + page.person()
                            + ") did not acknowledge within "
                            + Durations.format(paging.ackTimeout()));
            if (!paging.pageNext(incident, page)) {
                rotationBroken(incident, page.message());
            }
        }
        return overdue.size();
    }

    /**
     * Opens an incident that no alert opened (a failed drill, a run's page step) with its first
     * notes, and pages it; when the key is open already, nothing happens twice.
     *
     * @param page the page for the newly opened incident, given its id; null to file it only
     */
    public IncidentStore.Opened report(
            IncidentStore.NewIncident incident,
            List<String> notes,
            Function<Incident, PageMessage> page) {
        IncidentStore.Opened opened = incidents.open(incident, clock.instant());
        if (opened.opened()) {
            notes.forEach(text -> note(opened.incident().id(), Kind.NOTE, text));
            PageMessage message = page.apply(opened.incident());
            if (message != null) {
                paging.page(opened.incident(), message);
            } else {
                note(
                        opened.incident().id(),
                        Kind.NOTE,
                        incident.severity().label() + ": filed, not paged");
            }
        }
        return opened;
    }

    private void close(Incident incident, String why) {
        note(incident.id(), Kind.RESOLVED, why);
        incidents.setStatus(incident.id(), Incident.Status.RESOLVED, clock.instant());
        // The remediation is verified first: the resolve goes out to every page's recipient over
        // the network, and whoever reads the resolved incident meanwhile sees its final state.
        remediation.resolved(incident);
        paging.resolve(incident.id(), incident.dedupKey());
    }

    private void rotationBroken(Incident incident, PageMessage original) {
        IncidentStore.Opened broken =
                incidents.open(
                        new IncidentStore.NewIncident(
                                "rotation-broken:" + incident.id(),
                                "Rotation broken: nobody acknowledged incident " + incident.id(),
                                Severity.SEV_2,
                                null,
                                "oncall-paging",
                                original.host()),
                        clock.instant());
        note(
                incident.id(),
                Kind.ESCALATED,
                "nobody acknowledged; the rotation is broken: incident " + broken.incident().id());
        if (broken.opened()) {
            note(
                    broken.incident().id(),
                    Kind.NOTE,
                    "primary, secondary and lead did not"
                            + " acknowledge incident "
                            + incident.id()
                            + " ("
                            + original.alertName()
                            + "); route this to whoever manages the pager system");
            paging.notifyMaintainers(
                    broken.incident(),
                    new PageMessage(
                            "rotation-broken:" + incident.id(),
                            Severity.SEV_2,
                            "RotationBroken",
                            original.host(),
                            "nobody acknowledged incident " + incident.id(),
                            original.incidentUrl(),
                            original.dashboardUrl(),
                            original.runbookUrl()));
        }
    }

    /** Notes each bad link annotation on the incident and files the rule's documentation bug. */
    private void badAnnotations(Alert alert, Incident incident) {
        List<String> problems = alert.problems();
        if (problems.isEmpty()) {
            return;
        }
        problems.forEach(p -> note(incident.id(), Kind.NOTE, "documentation bug: " + p));
        report(
                new IncidentStore.NewIncident(
                        "bad-annotation:" + Texts.clip(alert.name(), 150),
                        Texts.clip(
                                "Documentation bug: alert " + alert.name() + " has a bad link",
                                500),
                        Severity.SEV_3,
                        alert.name(),
                        null,
                        host(alert)),
                problems.stream()
                        .map(p -> "incident " + incident.id() + ": " + p + "; fix its rule")
                        .toList(),
                opened -> null);
    }

    private void documentationBug(Alert alert, Incident incident) {
        note(
                incident.id(),
                Kind.NOTE,
                "no runbook answers "
                        + alert.name()
                        + "; nobody was paged for it: a page without a runbook link is refused");
        IncidentStore.Opened bug =
                incidents.open(
                        new IncidentStore.NewIncident(
                                "no-runbook:" + alert.name(),
                                "Documentation bug: alert " + alert.name() + " has no runbook",
                                Severity.SEV_3,
                                alert.name(),
                                null,
                                host(alert)),
                        clock.instant());
        if (bug.opened()) {
            note(
                    bug.incident().id(),
                    Kind.NOTE,
                    "incident "
                            + incident.id()
                            + " fired "
                            + alert.name()
                            + ", which no runbook answers; add a page to runbooks/ and a"
                            + " row to its index");
        }
    }

    private PageMessage message(Alert alert, Incident incident, String runbookId, String note) {
        String summary = alert.annotations().getOrDefault("summary", alert.name() + " firing");
        return new PageMessage(
                incident.dedupKey(),
                incident.severity(),
                alert.name(),
                host(alert),
                Texts.clip(note.isEmpty() ? summary : summary + " " + note, 1000),
                links.incident(incident.id()),
                alert.link("dashboard_url").orElse(links.grafana()),
                links.runbook(runbookId));
    }

    private Optional<Runbook> runbookFor(Alert alert) {
        String url = alert.annotations().get("runbook_url");
        if (url != null) {
            Optional<Runbook> byUrl = RunbookUrl.idIfUrl(url).flatMap(library::runbook);
            if (byUrl.isPresent()) {
                return byUrl;
            }
        }
        return library.forAlert(alert.name()).flatMap(LibraryEntry::runbook);
    }

    /** The alert's severity: its label decides whether it pages, its runbook how loud. */
    static Severity severity(Alert alert, Optional<Runbook> runbook) {
        return Severity.ofAlert(
                alert.labels().getOrDefault("severity", ""),
                runbook.map(r -> r.metadata().severity()));
    }

    private String host(Alert alert) {
        return Texts.clip(
                alert.labels()
                        .getOrDefault(
                                "instance",
                                alert.labels().getOrDefault("host", links.deployment())),
                200);
    }

    /** A short stable name for a text, for incident keys. */
    private static String digest(String text) {
        try {
            byte[] sha =
                    java.security.MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(sha, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private Optional<Incident> act(long id, Consumer<Incident> action) {
        Optional<Incident> incident = incidents.find(id);
        incident.ifPresent(action);
        return incident.flatMap(i -> incidents.find(id));
    }

    private void note(long incidentId, Kind kind, String text) {
        incidents.append(incidentId, kind, text, clock.instant());
    }

    private static String summary(Alert alert) {
        String summary = alert.annotations().get("summary");
        return summary == null ? "" : ": " + summary;
    }

    private static String required(String text, String rule) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty: " + rule);
        }
        return Texts.clip(text.strip(), 2000);
    }
}

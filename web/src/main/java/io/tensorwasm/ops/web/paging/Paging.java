package io.tensorwasm.ops.web.paging;

import io.tensorwasm.ops.engine.model.Durations;
import io.tensorwasm.ops.web.incident.Incident;
import io.tensorwasm.ops.web.incident.IncidentStore;
import io.tensorwasm.ops.web.incident.TimelineEvent.Kind;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Pages people for incidents and escalates what nobody acknowledges (seed 003): the primary first;
 * no acknowledgement within the timeout pages the secondary, then the lead; after the lead, the
 * rotation itself is broken and that is an incident of its own. A sev-1 also notifies the
 * maintainers list; a sev-3 is filed and never pages.
 *
 * <p>Every page is a row, so any console node can escalate: claiming an overdue page is an update
 * that only one node wins. Methods block on the database and on delivery; call them from worker
 * threads.
 */
public final class Paging {

    private final PageRows rows;
    private final IncidentStore incidents;
    private final Rotations rotations;
    private final Clock clock;

    /** Paging over the console's database. */
    public Paging(
            DataSource dataSource, IncidentStore incidents, Rotations rotations, Clock clock) {
        this.rows = new PageRows(dataSource);
        this.incidents = incidents;
        this.rotations = rotations;
        this.clock = clock;
    }

    /** The rotations in use. */
    public Rotations rotations() {
        return rotations;
    }

    /** Pages the first staffed tier for the incident, and the maintainers for a sev-1. */
    public void page(Incident incident, PageMessage message) {
        page(incident, message, Optional.empty());
    }

    /**
     * As {@link #page(Incident, PageMessage)}, with the acknowledgement deadline held at least
     * until a time: the engine works the incident first, and the page escalates only once it gives
     * up ({@link #escalate}) or the hold runs out.
     */
    public void page(Incident incident, PageMessage message, Optional<Instant> holdUntil) {
        if (!message.severity().pages()) {
            incidents.append(
                    incident.id(),
                    Kind.NOTE,
                    message.severity().label() + ": filed, not paged (sev-3 never pages)",
                    clock.instant());
            return;
        }
        if (!sendTo(Tier.PRIMARY, incident, message, holdUntil)) {
            incidents.append(
                    incident.id(),
                    Kind.NOTE,
                    "no rotation is configured: nobody was paged",
                    clock.instant());
        }
        if (message.severity() == Severity.SEV_1) {
            notifyMaintainers(incident, message);
        }
    }

    /** Acknowledges every open page of the incident; false when none was open. */
    public boolean acknowledge(long incidentId, String by) {
        Instant now = clock.instant();
        List<PageRows.Row> open = rows.unacknowledged(incidentId);
        int count = rows.acknowledge(incidentId, by, now);
        if (count == 0) {
            return false;
        }
        for (PageRows.Row page : open) {
            rotations
                    .responder(page.tier())
                    .ifPresent(r -> r.channel().acknowledge(page.dedupKey()));
        }
        incidents.append(incidentId, Kind.ACKNOWLEDGED, "acknowledged by " + by, now);
        if (incidents.find(incidentId).map(Incident::status).orElse(null) == Incident.Status.OPEN) {
            incidents.setStatus(incidentId, Incident.Status.ACKNOWLEDGED, now);
        }
        return true;
    }

    /** Tells every channel that paged for the incident that it is resolved. */
    public void resolve(long incidentId, String dedupKey) {
        for (Tier tier :
                rows.all(incidentId).stream().map(PageRows.Row::tier).distinct().toList()) {
            rotations.responder(tier).ifPresent(r -> r.channel().resolve(dedupKey));
        }
    }

    /** Holds the incident's open pages from escalating until a time; returns how many. */
    public int hold(long incidentId, Instant until) {
        return rows.hold(incidentId, until);
    }

    /**
     * Escalates the incident now, whatever its deadlines (seed 003: from "operator handling" to
     * waking the rotation): its open pages are settled, and the rotation is paged from the primary
     * with the reason; each tier then has the acknowledgement timeout before the next. Returns
     * false when nobody could be paged.
     */
    public boolean escalate(long incidentId, String reason) {
        Instant now = clock.instant();
        Incident incident = incidents.find(incidentId).orElseThrow();
        incidents.append(incidentId, Kind.ESCALATED, "escalated: " + reason, now);
        if (!incident.severity().pages()) {
            incidents.append(
                    incidentId,
                    Kind.NOTE,
                    incident.severity().label() + ": filed, not paged (sev-3 never pages)",
                    now);
            return false;
        }
        rows.open(incidentId).forEach(page -> rows.claim(page.id(), now));
        Optional<PageMessage> last = rows.lastMessage(incidentId);
        if (last.isEmpty()) {
            incidents.append(
                    incidentId, Kind.NOTE, "no rotation is configured: nobody was paged", now);
            return false;
        }
        PageMessage m = last.get();
        PageMessage escalation =
                new PageMessage(
                        m.dedupKey(),
                        m.severity(),
                        m.alertName(),
                        m.host(),
                        reason.length() > 500 ? reason.substring(0, 497) + "..." : reason,
                        m.incidentUrl(),
                        m.dashboardUrl(),
                        m.runbookUrl());
        for (Optional<Tier> tier = Optional.of(Tier.PRIMARY);
                tier.isPresent();
                tier = tier.get().next()) {
            if (sendTo(tier.get(), incident, escalation, Optional.empty())) {
                return true;
            }
        }
        incidents.append(incidentId, Kind.NOTE, "no rotation is configured: nobody was paged", now);
        return false;
    }

    /**
     * Escalates every page whose acknowledgement deadline has passed; returns how many this node
     * escalated. Safe to call from every node at once.
     */
    public int escalateOverdue() {
        Instant now = clock.instant();
        int escalated = 0;
        for (PageRows.Row page : rows.overdue(now)) {
            if (rows.claim(page.id(), now)) {
                escalated++;
                escalate(page, now);
            }
        }
        return escalated;
    }

    private void escalate(PageRows.Row page, Instant now) {
        Incident incident = incidents.find(page.incidentId()).orElseThrow();
        PageMessage message = PageRows.fromJson(page.message());
        incidents.append(
                incident.id(),
                Kind.ESCALATED,
                page.tier().label()
                        + " ("
                        + page.person()
                        + ") did not acknowledge within "
                        + Durations.format(rotations.ackTimeout()),
                now);
        Optional<Tier> next = page.tier().next();
        while (next.isPresent()) {
            if (sendTo(next.get(), incident, message, Optional.empty())) {
                return;
            }
            next = next.get().next();
        }
        rotationBroken(incident, message, now);
    }

    private void rotationBroken(Incident incident, PageMessage original, Instant now) {
        IncidentStore.Opened broken =
                incidents.open(
                        new IncidentStore.NewIncident(
                                "rotation-broken:" + incident.id(),
                                "Rotation broken: nobody acknowledged incident " + incident.id(),
                                Severity.SEV_2,
                                null,
                                "oncall-paging",
                                original.host()),
                        now);
        incidents.append(
                incident.id(),
                Kind.ESCALATED,
                "nobody acknowledged; the rotation is"
                        + " broken: incident "
                        + broken.incident().id(),
                now);
        if (broken.opened()) {
            incidents.append(
                    broken.incident().id(),
                    Kind.NOTE,
                    "primary, secondary and lead did"
                            + " not acknowledge incident "
                            + incident.id()
                            + " ("
                            + original.alertName()
                            + "); route this to whoever manages the pager system",
                    now);
            notifyMaintainers(
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

    private boolean sendTo(
            Tier tier, Incident incident, PageMessage message, Optional<Instant> holdUntil) {
        Optional<Rotations.Responder> responder = rotations.responder(tier);
        if (responder.isEmpty()) {
            return false;
        }
        Instant now = clock.instant();
        Instant deadline = now.plus(rotations.ackTimeout());
        if (holdUntil.isPresent() && holdUntil.get().isAfter(deadline)) {
            deadline = holdUntil.get();
        }
        PageChannel.Delivery delivery = responder.get().channel().trigger(message);
        String outcome =
                (delivery.accepted() ? "delivered: " : "NOT delivered: ") + delivery.detail();
        rows.insert(
                new PageRows.NewPage(incident.id(), tier, responder.get().person(), now, deadline),
                message,
                outcome);
        incidents.append(
                incident.id(),
                Kind.PAGE,
                "paged "
                        + tier.label()
                        + " ("
                        + responder.get().person()
                        + ") via "
                        + responder.get().channel().describe()
                        + ": "
                        + outcome,
                now);
        return true;
    }

    private void notifyMaintainers(Incident incident, PageMessage message) {
        Rotations.Maintainers list = rotations.maintainers();
        Instant now = clock.instant();
        if (list.channel().isEmpty() || list.addresses().isEmpty()) {
            incidents.append(
                    incident.id(),
                    Kind.NOTE,
                    "no maintainers list is configured: nobody was notified",
                    now);
            return;
        }
        PageChannel.Delivery delivery = list.channel().get().trigger(message);
        incidents.append(
                incident.id(),
                Kind.PAGE,
                "notified the maintainers list ("
                        + String.join(", ", list.addresses())
                        + "): "
                        + (delivery.accepted()
                                ? "delivered"
                                : "NOT delivered: " + delivery.detail()),
                now);
    }
}

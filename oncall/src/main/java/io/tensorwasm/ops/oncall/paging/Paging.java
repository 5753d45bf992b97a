package io.tensorwasm.ops.oncall.paging;

import io.tensorwasm.ops.engine.model.Texts;
import io.tensorwasm.ops.oncall.incident.Incident;
import io.tensorwasm.ops.oncall.incident.IncidentStore;
import io.tensorwasm.ops.oncall.incident.Severity;
import io.tensorwasm.ops.oncall.incident.TimelineEvent.Kind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Pages people for incidents (seed 003): the primary first; no acknowledgement within the timeout
 * pages the secondary, then the lead. A sev-1 also notifies the maintainers list; a sev-3 is filed
 * and never pages. Paging records pages and what their channels answered; what an incident's status
 * becomes, and what a broken rotation opens, is the alert desk's to decide.
 *
 * <p>Every page is a row, so any console node can escalate: claiming an overdue page is an update
 * that only one node wins. Methods block on the database and on delivery; call them from worker
 * threads.
 */
public final class Paging {

    private final PageRows rows;
    private final IncidentStore incidents;
    private final Rotations rotations;
    private final Responders responders;
    private final Clock clock;

    /** Paging over the console's database, to the rotation file's tiers. */
    public Paging(
            DataSource dataSource, IncidentStore incidents, Rotations rotations, Clock clock) {
        this(dataSource, incidents, rotations, rotations, clock);
    }

    /**
     * Paging over the console's database, asking the responders who holds a tier at the moment of
     * each page (issue #20: schedules), with the rotation file kept for {@link #rotations()}.
     */
    public Paging(
            DataSource dataSource,
            IncidentStore incidents,
            Rotations rotations,
            Responders responders,
            Clock clock) {
        this.rows = new PageRows(dataSource);
        this.incidents = incidents;
        this.rotations = rotations;
        this.responders = responders;
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
            filedNotPaged(incident);
            return;
        }
        if (!sendTo(Tier.PRIMARY, incident, message, holdUntil)) {
            nobodyPaged(incident.id());
        }
        if (message.severity() == Severity.SEV_1) {
            notifyMaintainers(incident, message);
        }
    }

    /**
     * Marks every open page of the incident acknowledged and tells each page's channel; returns
     * false when none was open. The incident's status is the desk's to change.
     */
    public boolean acknowledge(long incidentId, String by) {
        List<PageRows.Row> open = rows.unacknowledged(incidentId);
        Instant now = clock.instant();
        if (rows.acknowledge(incidentId, by, now) == 0) {
            return false;
        }
        for (PageRows.Row page : open) {
            responders
                    .channelOf(page.person())
                    .ifPresent(channel -> channel.acknowledge(page.dedupKey()));
        }
        if (open.stream().anyMatch(page -> page.tier() == Tier.LEAD)
                && rows.leadJoined(incidentId, now)) {
            Optional<Instant> start = rows.chainStart(incidentId);
            incidents.append(
                    incidentId,
                    Kind.ACKNOWLEDGED,
                    "the on-call lead joined: "
                            + by
                            + start.map(
                                            at ->
                                                    ", "
                                                            + Texts.since(Duration.between(at, now))
                                                                    .substring(1)
                                                            + " after the first page")
                                    .orElse(""),
                    now);
        }
        return true;
    }

    /** Every page of the incident with its times and acknowledgement, oldest first. */
    public List<PageRecord> history(long incidentId) {
        return rows.history(incidentId);
    }

    /** When the on-call lead joined the incident by acknowledging a page to the lead, if so. */
    public Optional<Instant> leadJoinedAt(long incidentId) {
        return rows.leadJoinedAt(incidentId);
    }

    /** True when a page went out for the incident, or was recorded as going to nobody. */
    public boolean paged(long incidentId) {
        return !rows.all(incidentId).isEmpty();
    }

    /**
     * Tells everyone who was paged for the incident that it is resolved: every tier's channel and
     * the maintainers list when it was told (issue #17); the timeline says who heard.
     */
    public void resolve(long incidentId, String dedupKey) {
        List<String> told = new ArrayList<>();
        Set<String> reached = new HashSet<>();
        for (PageRows.Row page : rows.all(incidentId)) {
            if (reached.add(page.person())) {
                responders
                        .channelOf(page.person())
                        .ifPresent(
                                channel ->
                                        told.add(
                                                page.person()
                                                        + " ("
                                                        + page.tier().label()
                                                        + ")"
                                                        + answered(channel.resolve(dedupKey))));
            }
        }
        Optional<PageChannel> list = responders.maintainers().channel();
        Optional<String> listKey = rows.maintainersKey(incidentId);
        if (list.isPresent() && listKey.isPresent()) {
            told.add("the maintainers list" + answered(list.get().resolve(listKey.get())));
        }
        if (!told.isEmpty()) {
            incidents.append(
                    incidentId,
                    Kind.PAGE,
                    "told of the resolve: " + String.join("; ", told),
                    clock.instant());
        }
    }

    private static String answered(PageChannel.Delivery delivery) {
        return delivery.accepted() ? "" : " NOT delivered: " + delivery.detail();
    }

    /** True when someone holds the tier at the instant: a page to it reaches a person. */
    public boolean staffed(Tier tier, Instant at) {
        return responders.responder(tier, at).isPresent();
    }

    /** Who is paged for the incident now, and when the next escalation fires and to whom. */
    public OnCallNow now(long incidentId) {
        Optional<PageRows.Last> last = rows.last(incidentId);
        if (last.isEmpty()) {
            return OnCallNow.NOBODY;
        }
        OnCallNow.Page page = last.get().page();
        if (page.acknowledgedBy().isPresent() || page.escalated()) {
            return new OnCallNow(Optional.of(page), Optional.empty());
        }
        Optional<Tier> next = page.tier().next();
        return new OnCallNow(
                Optional.of(page),
                Optional.of(
                        new OnCallNow.Next(
                                last.get().deadline(),
                                next,
                                next.flatMap(
                                                tier ->
                                                        responders.responder(
                                                                tier, last.get().deadline()))
                                        .map(Rotations.Responder::person))));
    }

    /** Holds the incident's open pages from escalating until a time; returns how many. */
    public int hold(long incidentId, Instant until) {
        return rows.hold(incidentId, until);
    }

    /**
     * Pages the rotation again from the primary with a reason, whatever the deadlines (seed 003:
     * from "operator handling" to waking the rotation): the incident's open pages are settled, and
     * each tier then has the acknowledgement timeout before the next. Returns false when nobody
     * could be paged.
     */
    public boolean repage(Incident incident, String reason) {
        Instant now = clock.instant();
        if (!incident.severity().pages()) {
            filedNotPaged(incident);
            return false;
        }
        rows.open(incident.id()).forEach(page -> rows.claim(page.id(), now));
        Optional<PageMessage> last = rows.lastMessage(incident.id());
        if (last.isEmpty()) {
            nobodyPaged(incident.id());
            return false;
        }
        PageMessage escalation = last.get().withSummary(Texts.clip(reason, 500));
        if (pageFrom(Optional.of(Tier.PRIMARY), incident, escalation)) {
            return true;
        }
        nobodyPaged(incident.id());
        return false;
    }

    /**
     * Claims every page whose acknowledgement deadline has passed; safe to call from every node at
     * once, as each page is claimed by one. The caller escalates each with {@link #pageNext}.
     */
    public List<Overdue> claimOverdue() {
        Instant now = clock.instant();
        List<Overdue> claimed = new ArrayList<>();
        for (PageRows.Row page : rows.overdue(now)) {
            if (rows.claim(page.id(), now)) {
                claimed.add(
                        new Overdue(
                                page.incidentId(),
                                page.tier(),
                                page.person(),
                                PageRows.fromJson(page.message())));
            }
        }
        return claimed;
    }

    /**
     * A page nobody acknowledged in time, claimed by this node.
     *
     * @param incidentId its incident
     * @param tier the tier it went to
     * @param person who holds that tier
     * @param message what it said
     */
    public record Overdue(long incidentId, Tier tier, String person, PageMessage message) {}

    /** Pages the tiers after the overdue one, in order; false when none is staffed. */
    public boolean pageNext(Incident incident, Overdue overdue) {
        return pageFrom(overdue.tier().next(), incident, overdue.message());
    }

    /** The acknowledgement timeout of the first tier. */
    public Duration ackTimeout() {
        return responders.ackTimeout(Tier.PRIMARY);
    }

    /** The acknowledgement timeout of a tier. */
    public Duration ackTimeout(Tier tier) {
        return responders.ackTimeout(tier);
    }

    private boolean pageFrom(Optional<Tier> first, Incident incident, PageMessage message) {
        for (Optional<Tier> tier = first; tier.isPresent(); tier = tier.get().next()) {
            if (sendTo(tier.get(), incident, message, Optional.empty())) {
                return true;
            }
        }
        return false;
    }

    private void filedNotPaged(Incident incident) {
        incidents.append(
                incident.id(),
                Kind.NOTE,
                incident.severity().label() + ": filed, not paged (sev-3 never pages)",
                clock.instant());
    }

    private void nobodyPaged(long incidentId) {
        incidents.append(
                incidentId,
                Kind.NOTE,
                "no rotation is configured: nobody was paged",
                clock.instant());
    }

    private boolean sendTo(
            Tier tier, Incident incident, PageMessage message, Optional<Instant> holdUntil) {
        Instant now = clock.instant();
        Optional<Rotations.Responder> responder = responders.responder(tier, now);
        if (responder.isEmpty()) {
            return false;
        }
        Instant deadline = deadline(tier, incident, now);
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

    /**
     * When a tier's page escalates (seed 003). Each tier has its acknowledgement timeout, but the
     * severity bounds the chain: the on-call lead joins a sev-1 within 15 minutes of the first page
     * and a sev-2 within 60. So the primary and the secondary escalate no later than the lead's own
     * timeout before that bound, and the lead is paged in time to join by it; with long timeouts a
     * sev-1 reaches the lead sooner than a sev-2, rather than after a fixed multiple of the
     * timeout. The lead has its timeout, past which the rotation is broken; a sev-3 pages nobody.
     */
    private Instant deadline(Tier tier, Incident incident, Instant now) {
        Instant own = now.plus(responders.ackTimeout(tier));
        Optional<Duration> within = incident.severity().leadJoinsWithin();
        if (tier == Tier.LEAD || within.isEmpty()) {
            return own;
        }
        Instant start = tier == Tier.PRIMARY ? now : rows.chainStart(incident.id()).orElse(now);
        Instant leadPaged = start.plus(within.get()).minus(responders.ackTimeout(Tier.LEAD));
        Instant latest = leadPaged.isAfter(now) ? leadPaged : now;
        return latest.isBefore(own) ? latest : own;
    }

    /** Notifies the maintainers list, when one is configured; the timeline says which. */
    public void notifyMaintainers(Incident incident, PageMessage message) {
        Rotations.Maintainers list = responders.maintainers();
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
        rows.maintainersNotified(incident.id(), message.dedupKey(), now);
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

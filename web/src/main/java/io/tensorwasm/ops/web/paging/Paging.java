package io.tensorwasm.ops.web.paging;

import io.tensorwasm.ops.web.incident.Incident;
import io.tensorwasm.ops.web.incident.IncidentStore;
import io.tensorwasm.ops.web.incident.TimelineEvent.Kind;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

    private final DataSource dataSource;
    private final IncidentStore incidents;
    private final Rotations rotations;
    private final Clock clock;

    /** Paging over the console's database. */
    public Paging(
            DataSource dataSource, IncidentStore incidents, Rotations rotations, Clock clock) {
        this.dataSource = dataSource;
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
        if (!message.severity().pages()) {
            incidents.append(
                    incident.id(),
                    Kind.NOTE,
                    message.severity().label() + ": filed, not paged (sev-3 never pages)",
                    clock.instant());
            return;
        }
        if (!sendTo(Tier.PRIMARY, incident, message)) {
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
        List<OpenPage> open = openPages(incidentId);
        String sql =
                "update page set acknowledged_at = ?, acknowledged_by = ?"
                        + " where incident_id = ? and acknowledged_at is null";
        int count =
                update(
                        sql,
                        s -> {
                            s.setTimestamp(1, Timestamp.from(now));
                            s.setString(2, by);
                            s.setLong(3, incidentId);
                        });
        if (count == 0) {
            return false;
        }
        for (OpenPage page : open) {
            rotations
                    .responder(page.tier())
                    .ifPresent(r -> r.channel().acknowledge(page.dedupKey()));
        }
        incidents.append(incidentId, Kind.ACKNOWLEDGED, "acknowledged by " + by, now);
        incidents.setStatus(incidentId, Incident.Status.ACKNOWLEDGED, now);
        return true;
    }

    /** Tells every channel that paged for the incident that it is resolved. */
    public void resolve(long incidentId, String dedupKey) {
        for (Tier tier : tiersPaged(incidentId)) {
            rotations.responder(tier).ifPresent(r -> r.channel().resolve(dedupKey));
        }
    }

    /**
     * Escalates every page whose acknowledgement deadline has passed; returns how many this node
     * escalated. Safe to call from every node at once.
     */
    public int escalateOverdue() {
        Instant now = clock.instant();
        int escalated = 0;
        for (OpenPage page : overdue(now)) {
            if (claim(page.id(), now)) {
                escalated++;
                escalate(page, now);
            }
        }
        return escalated;
    }

    private void escalate(OpenPage page, Instant now) {
        Incident incident = incidents.find(page.incidentId()).orElseThrow();
        PageMessage message = fromJson(page.message());
        incidents.append(
                incident.id(),
                Kind.ESCALATED,
                page.tier().label()
                        + " ("
                        + page.person()
                        + ") did not acknowledge within "
                        + rotations.ackTimeout().toMinutes()
                        + " min",
                now);
        Optional<Tier> next = page.tier().next();
        while (next.isPresent()) {
            if (sendTo(next.get(), incident, message)) {
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

    private boolean sendTo(Tier tier, Incident incident, PageMessage message) {
        Optional<Rotations.Responder> responder = rotations.responder(tier);
        if (responder.isEmpty()) {
            return false;
        }
        Instant now = clock.instant();
        PageChannel.Delivery delivery = responder.get().channel().trigger(message);
        String outcome =
                (delivery.accepted() ? "delivered: " : "NOT delivered: ") + delivery.detail();
        insertPage(incident.id(), tier, responder.get().person(), message, outcome, now);
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

    private void insertPage(
            long incidentId,
            Tier tier,
            String person,
            PageMessage message,
            String outcome,
            Instant now) {
        String sql =
                "insert into page (incident_id, tier, person, dedup_key, sent_at,"
                        + " ack_deadline, delivery, message) values (?, ?, ?, ?, ?, ?, ?, ?)";
        update(
                sql,
                s -> {
                    s.setLong(1, incidentId);
                    s.setString(2, tier.label());
                    s.setString(3, person);
                    s.setString(4, message.dedupKey());
                    s.setTimestamp(5, Timestamp.from(now));
                    s.setTimestamp(6, Timestamp.from(now.plus(rotations.ackTimeout())));
                    s.setString(
                            7,
                            outcome.length() > 300 ? outcome.substring(0, 297) + "..." : outcome);
                    s.setString(8, toJson(message));
                });
    }

    private boolean claim(long pageId, Instant now) {
        return update(
                        "update page set escalated_at = ? where id = ? and escalated_at is null"
                                + " and acknowledged_at is null",
                        s -> {
                            s.setTimestamp(1, Timestamp.from(now));
                            s.setLong(2, pageId);
                        })
                == 1;
    }

    private List<OpenPage> overdue(Instant now) {
        return pages(
                "select * from page where acknowledged_at is null and escalated_at is null"
                        + " and ack_deadline <= ? order by id",
                s -> s.setTimestamp(1, Timestamp.from(now)));
    }

    private List<OpenPage> openPages(long incidentId) {
        return pages(
                "select * from page where incident_id = ? and acknowledged_at is null",
                s -> s.setLong(1, incidentId));
    }

    private List<Tier> tiersPaged(long incidentId) {
        return pages("select * from page where incident_id = ?", s -> s.setLong(1, incidentId))
                .stream()
                .map(OpenPage::tier)
                .distinct()
                .toList();
    }

    private List<OpenPage> pages(String sql, Binder binder) {
        List<OpenPage> pages = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    pages.add(
                            new OpenPage(
                                    rs.getLong("id"),
                                    rs.getLong("incident_id"),
                                    Tier.valueOf(rs.getString("tier").toUpperCase(Locale.ROOT)),
                                    rs.getString("person"),
                                    rs.getString("dedup_key"),
                                    rs.getString("message")));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read pages: " + e.getMessage(), e);
        }
        return pages;
    }

    private int update(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write pages: " + e.getMessage(), e);
        }
    }

    static String toJson(PageMessage m) {
        return new JsonObject()
                .put("dedup_key", m.dedupKey())
                .put("severity", m.severity().label())
                .put("alert", m.alertName())
                .put("host", m.host())
                .put("summary", m.summary())
                .put("incident_url", m.incidentUrl().toString())
                .put("dashboard_url", m.dashboardUrl().toString())
                .put("runbook_url", m.runbookUrl().toString())
                .encode();
    }

    static PageMessage fromJson(String json) {
        JsonObject o = new JsonObject(json);
        return new PageMessage(
                o.getString("dedup_key"),
                Severity.parse(o.getString("severity")),
                o.getString("alert"),
                o.getString("host"),
                o.getString("summary"),
                URI.create(o.getString("incident_url")),
                URI.create(o.getString("dashboard_url")),
                URI.create(o.getString("runbook_url")));
    }

    private record OpenPage(
            long id, long incidentId, Tier tier, String person, String dedupKey, String message) {}

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }
}

package io.tensorwasm.ops.oncall.paging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.tensorwasm.ops.engine.model.Texts;
import io.tensorwasm.ops.oncall.incident.Incident;
import io.tensorwasm.ops.oncall.incident.Severity;
import io.tensorwasm.ops.oncall.store.Jdbc;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code page} table: one row per page sent, with its acknowledgement deadline. Claims are
 * single updates, so of several console nodes exactly one acts on a row.
 */
final class PageRows {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Jdbc jdbc;

    PageRows(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource, "pages");
    }

    /** A page row. */
    record Row(
            long id, long incidentId, Tier tier, String person, String dedupKey, String message) {}

    /** What to insert. */
    record NewPage(
            long incidentId, Tier tier, String person, Instant sentAt, Instant ackDeadline) {}

    void insert(NewPage page, PageMessage message, String outcome) {
        String sql =
                "insert into page (incident_id, tier, person, dedup_key, sent_at,"
                        + " ack_deadline, delivery, message) values (?, ?, ?, ?, ?, ?, ?, ?)";
        jdbc.update(
                sql,
                s -> {
                    s.setLong(1, page.incidentId());
                    s.setString(2, page.tier().label());
                    s.setString(3, page.person());
                    s.setString(4, message.dedupKey());
                    s.setTimestamp(5, Timestamp.from(page.sentAt()));
                    s.setTimestamp(6, Timestamp.from(page.ackDeadline()));
                    s.setString(7, Texts.clip(outcome, 300));
                    s.setString(8, toJson(message));
                });
    }

    /** Marks every open page of the incident acknowledged; returns how many. */
    int acknowledge(long incidentId, String by, Instant now) {
        return jdbc.update(
                "update page set acknowledged_at = ?, acknowledged_by = ?"
                        + " where incident_id = ? and acknowledged_at is null",
                s -> {
                    s.setTimestamp(1, Timestamp.from(now));
                    s.setString(2, by);
                    s.setLong(3, incidentId);
                });
    }

    /** Moves the deadline of the incident's open pages; returns how many. */
    int hold(long incidentId, Instant until) {
        return jdbc.update(
                "update page set ack_deadline = ? where incident_id = ?"
                        + " and acknowledged_at is null and escalated_at is null",
                s -> {
                    s.setTimestamp(1, Timestamp.from(until));
                    s.setLong(2, incidentId);
                });
    }

    /** True when this call, of all nodes, marked the open page escalated. */
    boolean claim(long pageId, Instant now) {
        return jdbc.update(
                        "update page set escalated_at = ? where id = ? and escalated_at is null"
                                + " and acknowledged_at is null",
                        s -> {
                            s.setTimestamp(1, Timestamp.from(now));
                            s.setLong(2, pageId);
                        })
                == 1;
    }

    /** Open pages past their deadline, except those of incidents resolved or deferred. */
    List<Row> overdue(Instant now) {
        return jdbc.query(
                "select * from page where acknowledged_at is null and escalated_at is null"
                        + " and ack_deadline <= ? and incident_id not in"
                        + " (select id from incident where status in (?, ?)) order by id",
                s -> {
                    s.setTimestamp(1, Timestamp.from(now));
                    s.setString(2, Incident.Status.RESOLVED.label());
                    s.setString(3, Incident.Status.MITIGATED.label());
                },
                PageRows::row);
    }

    /** The incident's pages nobody acknowledged or escalated yet. */
    List<Row> open(long incidentId) {
        return jdbc.query(
                "select * from page where incident_id = ? and acknowledged_at is null"
                        + " and escalated_at is null order by id",
                s -> s.setLong(1, incidentId),
                PageRows::row);
    }

    /** The incident's pages nobody acknowledged, escalated or not. */
    List<Row> unacknowledged(long incidentId) {
        return jdbc.query(
                "select * from page where incident_id = ? and acknowledged_at is null order by id",
                s -> s.setLong(1, incidentId),
                PageRows::row);
    }

    /** When the incident's latest page to the primary went out: where its escalation started. */
    Optional<Instant> chainStart(long incidentId) {
        return instant(
                "select max(sent_at) from page where incident_id = ? and tier = ?",
                s -> {
                    s.setLong(1, incidentId);
                    s.setString(2, Tier.PRIMARY.label());
                });
    }

    /** Records when the lead joined the incident; true the first time only. */
    boolean leadJoined(long incidentId, Instant at) {
        return jdbc.update(
                        "update incident set lead_joined_at = ? where id = ?"
                                + " and lead_joined_at is null",
                        s -> {
                            s.setTimestamp(1, Timestamp.from(at));
                            s.setLong(2, incidentId);
                        })
                == 1;
    }

    /** When the lead joined the incident, if the lead did. */
    Optional<Instant> leadJoinedAt(long incidentId) {
        return instant(
                "select lead_joined_at from incident where id = ?", s -> s.setLong(1, incidentId));
    }

    /** The one time a query reads, if it reads one. */
    private Optional<Instant> instant(String sql, Jdbc.Binder binder) {
        return jdbc
                .query(
                        sql,
                        binder,
                        rs -> Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant))
                .stream()
                .flatMap(Optional::stream)
                .findFirst();
    }

    /** Every page of the incident, oldest first. */
    List<Row> all(long incidentId) {
        return jdbc.query(
                "select * from page where incident_id = ? order by id",
                s -> s.setLong(1, incidentId),
                PageRows::row);
    }

    /** Every page of the incident with its times, oldest first. */
    List<PageRecord> history(long incidentId) {
        return jdbc.query(
                "select * from page where incident_id = ? order by id",
                s -> s.setLong(1, incidentId),
                rs -> {
                    Timestamp acked = rs.getTimestamp("acknowledged_at");
                    Timestamp escalated = rs.getTimestamp("escalated_at");
                    String by = rs.getString("acknowledged_by");
                    return new PageRecord(
                            rs.getString("tier"),
                            rs.getString("person"),
                            rs.getTimestamp("sent_at").toInstant(),
                            rs.getTimestamp("ack_deadline").toInstant(),
                            Optional.ofNullable(acked).map(Timestamp::toInstant),
                            by == null ? "" : by,
                            Optional.ofNullable(escalated).map(Timestamp::toInstant),
                            rs.getString("delivery"));
                });
    }

    /** The incident's last page with its acknowledgement and deadline, if one was sent. */
    Optional<Last> last(long incidentId) {
        List<PageRecord> pages = history(incidentId);
        if (pages.isEmpty()) {
            return Optional.empty();
        }
        PageRecord p = pages.get(pages.size() - 1);
        return Optional.of(
                new Last(
                        new OnCallNow.Page(
                                Tier.valueOf(p.tier().toUpperCase(Locale.ROOT)),
                                p.person(),
                                p.sentAt(),
                                Optional.of(p.acknowledgedBy()).filter(by -> !by.isEmpty()),
                                p.acknowledgedAt(),
                                p.escalatedAt().isPresent()),
                        p.ackDeadline()));
    }

    /** A page and its acknowledgement deadline. */
    record Last(OnCallNow.Page page, Instant deadline) {}

    /** Records that the maintainers list was told of the incident under a key; once. */
    void maintainersNotified(long incidentId, String dedupKey, Instant at) {
        jdbc.insertOnce(
                "insert into maintainers_notice (incident_id, dedup_key, notified_at)"
                        + " values (?, ?, ?)",
                s -> {
                    s.setLong(1, incidentId);
                    s.setString(2, dedupKey);
                    s.setTimestamp(3, Timestamp.from(at));
                });
    }

    /** The key under which the maintainers list was told of the incident, if it was. */
    Optional<String> maintainersKey(long incidentId) {
        return jdbc
                .query(
                        "select dedup_key from maintainers_notice where incident_id = ?",
                        s -> s.setLong(1, incidentId),
                        rs -> rs.getString(1))
                .stream()
                .findFirst();
    }

    /** The message of the incident's last page, if one was sent. */
    Optional<PageMessage> lastMessage(long incidentId) {
        List<Row> all = all(incidentId);
        return all.isEmpty()
                ? Optional.empty()
                : Optional.of(fromJson(all.get(all.size() - 1).message()));
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(
                rs.getLong("id"),
                rs.getLong("incident_id"),
                Tier.valueOf(rs.getString("tier").toUpperCase(Locale.ROOT)),
                rs.getString("person"),
                rs.getString("dedup_key"),
                rs.getString("message"));
    }

    static String toJson(PageMessage m) {
        return JsonNodeFactory.instance
                .objectNode()
                .put("dedup_key", m.dedupKey())
                .put("severity", m.severity().label())
                .put("alert", m.alertName())
                .put("host", m.host())
                .put("summary", m.summary())
                .put("incident_url", m.incidentUrl().toString())
                .put("dashboard_url", m.dashboardUrl().toString())
                .put("runbook_url", m.runbookUrl().toString())
                .toString();
    }

    static PageMessage fromJson(String json) {
        JsonNode o;
        try {
            o = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "a stored page message is not JSON: " + e.getMessage(), e);
        }
        return new PageMessage(
                o.path("dedup_key").asText(),
                Severity.parse(o.path("severity").asText()),
                o.path("alert").asText(),
                o.path("host").asText(),
                o.path("summary").asText(),
                URI.create(o.path("incident_url").asText()),
                URI.create(o.path("dashboard_url").asText()),
                URI.create(o.path("runbook_url").asText()));
    }
}

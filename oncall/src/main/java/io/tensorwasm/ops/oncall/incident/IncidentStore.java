package io.tensorwasm.ops.oncall.incident;

import io.tensorwasm.ops.engine.model.Texts;
import io.tensorwasm.ops.oncall.store.Jdbc.Binder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Incidents and their timelines over JDBC. Opening is idempotent on the incident's key, so two
 * console nodes handling the same alert open one incident.
 */
public final class IncidentStore {

    /** SQLState of a unique-key violation, the same in H2 and PostgreSQL. */
    static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;

    /** A store over the console's database. */
    public IncidentStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * What to open.
     *
     * @param dedupKey unique per incident
     * @param title what it is about
     * @param severity how bad
     * @param alertName the alert, or null
     * @param runbookId the runbook, or null
     * @param host the host or deployment
     */
    public record NewIncident(
            String dedupKey,
            String title,
            Severity severity,
            String alertName,
            String runbookId,
            String host) {}

    /**
     * The incident for the key, and whether this call opened it.
     *
     * @param incident the incident
     * @param opened true when this call created it, false when it existed
     */
    public record Opened(Incident incident, boolean opened) {}

    /** Opens the incident, or returns the one already open under the same key. */
    public Opened open(NewIncident incident, Instant at) {
        String sql =
                "insert into incident (dedup_key, title, severity, status, alert_name,"
                        + " runbook_id, host, opened_at) values (?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, incident.dedupKey());
            s.setString(2, incident.title());
            s.setString(3, incident.severity().label());
            s.setString(4, Incident.Status.OPEN.label());
            s.setString(5, incident.alertName());
            s.setString(6, incident.runbookId());
            s.setString(7, incident.host());
            s.setTimestamp(8, Timestamp.from(at));
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return new Opened(find(keys.getLong(1)).orElseThrow(), true);
            }
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return new Opened(findByKey(incident.dedupKey()).orElseThrow(), false);
            }
            throw failure("cannot open incident " + incident.dedupKey(), e);
        }
    }

    /** The incident with the id. */
    public Optional<Incident> find(long id) {
        return one("select * from incident where id = ?", s -> s.setLong(1, id));
    }

    /** The incident with the key. */
    public Optional<Incident> findByKey(String dedupKey) {
        return one("select * from incident where dedup_key = ?", s -> s.setString(1, dedupKey));
    }

    /** The newest incidents first. */
    public List<Incident> recent(int limit) {
        return many("select * from incident order by id desc", limit);
    }

    /**
     * The incidents opened by an alert firing (keyed {@code fingerprint@startsAt}) whose resolution
     * has not arrived, oldest first: what fires now, as the webhook saw it.
     */
    public List<Incident> firing(int limit) {
        return many(
                "select * from incident where alert_name is not null and dedup_key like '%@%'"
                        + " and status <> '"
                        + Incident.Status.RESOLVED.label()
                        + "' order by opened_at, id",
                limit);
    }

    /** Appends an entry to the timeline. */
    public void append(long incidentId, TimelineEvent.Kind kind, String text, Instant at) {
        String sql = "insert into incident_event (incident_id, at, kind, text) values (?, ?, ?, ?)";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, incidentId);
            s.setTimestamp(2, Timestamp.from(at));
            s.setString(3, kind.name());
            s.setString(4, Texts.clip(text, 4000));
            s.executeUpdate();
        } catch (SQLException e) {
            throw failure("cannot append to the timeline of incident " + incidentId, e);
        }
    }

    /** The timeline, in the order things happened. */
    public List<TimelineEvent> timeline(long incidentId) {
        String sql = "select at, kind, text from incident_event where incident_id = ? order by id";
        List<TimelineEvent> events = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, incidentId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    events.add(
                            new TimelineEvent(
                                    rs.getTimestamp(1).toInstant(),
                                    TimelineEvent.Kind.valueOf(rs.getString(2)),
                                    rs.getString(3)));
                }
            }
        } catch (SQLException e) {
            throw failure("cannot read the timeline of incident " + incidentId, e);
        }
        return events;
    }

    /** Moves the incident to a status; resolving also records when it closed. */
    public void setStatus(long incidentId, Incident.Status status, Instant at) {
        String sql = "update incident set status = ?, closed_at = ? where id = ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, status.label());
            s.setTimestamp(2, status == Incident.Status.RESOLVED ? Timestamp.from(at) : null);
            s.setLong(3, incidentId);
            s.executeUpdate();
        } catch (SQLException e) {
            throw failure("cannot set the status of incident " + incidentId, e);
        }
    }

    private Optional<Incident> one(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("cannot read incidents", e);
        }
    }

    private List<Incident> many(String sql, int limit) {
        List<Incident> incidents = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setMaxRows(limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    incidents.add(read(rs));
                }
            }
        } catch (SQLException e) {
            throw failure("cannot read incidents", e);
        }
        return incidents;
    }

    private static Incident read(ResultSet rs) throws SQLException {
        Timestamp closed = rs.getTimestamp("closed_at");
        return new Incident(
                rs.getLong("id"),
                rs.getString("dedup_key"),
                rs.getString("title"),
                Severity.parse(rs.getString("severity")),
                Incident.Status.parse(rs.getString("status")),
                Optional.ofNullable(rs.getString("alert_name")),
                Optional.ofNullable(rs.getString("runbook_id")),
                rs.getString("host"),
                rs.getTimestamp("opened_at").toInstant(),
                Optional.ofNullable(closed).map(Timestamp::toInstant));
    }

    private static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException(what + ": " + e.getMessage(), e);
    }
}

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
 * console nodes handling the same alert open one incident; an open incident may also hold the scope
 * of its alert (an SLO on a host), so that a second alert of the scope joins it ({@link
 * #scopes()}). The runs that worked an incident are linked to it ({@link #runs()}).
 */
public final class IncidentStore {

    /** SQLState of a unique-key violation, the same in H2 and PostgreSQL. */
    static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;
    private final IncidentScopes scopes;
    private final RunLinks runs;

    /** A store over the console's database. */
    public IncidentStore(DataSource dataSource) {
        this.dataSource = dataSource;
        this.scopes = new IncidentScopes(dataSource);
        this.runs = new RunLinks(dataSource);
    }

    /** The alerts each incident holds, and the open incident of each scope. */
    public IncidentScopes scopes() {
        return scopes;
    }

    /** The runs that worked each incident. */
    public RunLinks runs() {
        return runs;
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
        return open(incident, Optional.empty(), at);
    }

    /**
     * Opens the incident holding a scope (issue #17: an SLO on a host), or returns the one already
     * open under the same key; when another open incident holds the scope, returns that one, whose
     * key differs, and opens nothing.
     */
    public Opened open(NewIncident incident, Optional<String> scope, Instant at) {
        String sql =
                "insert into incident (dedup_key, title, severity, status, alert_name,"
                        + " runbook_id, host, opened_at, open_scope) values"
                        + " (?, ?, ?, ?, ?, ?, ?, ?, ?)";
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
            s.setString(9, scope.orElse(null));
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return new Opened(find(keys.getLong(1)).orElseThrow(), true);
            }
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return new Opened(
                        findByKey(incident.dedupKey())
                                .or(() -> scope.flatMap(scopes::open))
                                .orElseThrow(
                                        () ->
                                                new IllegalStateException(
                                                        incident.dedupKey()
                                                                + ": the incident of its scope"
                                                                + " closed while it opened; try"
                                                                + " again")),
                        false);
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

    /** The incident that holds an alert: the one it opened, or the one it joined (issue #17). */
    public Optional<Incident> holding(String fingerprint, Instant startsAt) {
        String key = IncidentKey.of(fingerprint, startsAt).format();
        return findByKey(key).or(() -> scopes().holding(key));
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
        append(incidentId, new TimelineEvent(at, kind, text));
    }

    /** Appends an entry, with the run and the step it belongs to, to the timeline. */
    public void append(long incidentId, TimelineEvent event) {
        String sql =
                "insert into incident_event (incident_id, at, kind, text, execution_id,"
                        + " step_number) values (?, ?, ?, ?, ?, ?)";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, incidentId);
            s.setTimestamp(2, Timestamp.from(event.at()));
            s.setString(3, event.kind().name());
            s.setString(4, Texts.clip(event.text(), 4000));
            s.setObject(5, event.execution().orElse(null), java.sql.Types.BIGINT);
            s.setObject(6, event.step().orElse(null), java.sql.Types.INTEGER);
            s.executeUpdate();
        } catch (SQLException e) {
            throw failure("cannot append to the timeline of incident " + incidentId, e);
        }
    }

    /** The timeline, in the order things happened. */
    public List<TimelineEvent> timeline(long incidentId) {
        String sql =
                "select at, kind, text, execution_id, step_number from incident_event"
                        + " where incident_id = ? order by id";
        List<TimelineEvent> events = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, incidentId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long execution = rs.getLong(4);
                    Optional<Long> run = rs.wasNull() ? Optional.empty() : Optional.of(execution);
                    int number = rs.getInt(5);
                    Optional<Integer> step = rs.wasNull() ? Optional.empty() : Optional.of(number);
                    events.add(
                            new TimelineEvent(
                                    rs.getTimestamp(1).toInstant(),
                                    TimelineEvent.Kind.valueOf(rs.getString(2)),
                                    rs.getString(3),
                                    run,
                                    step));
                }
            }
        } catch (SQLException e) {
            throw failure("cannot read the timeline of incident " + incidentId, e);
        }
        return events;
    }

    /**
     * How far the timelines have come: the id of the newest entry of one incident, or of any
     * incident with {@code 0}, and the number of incidents; a page compares it to know when to
     * refresh itself.
     */
    public String version(long incidentId) {
        String sql =
                "select (select coalesce(max(id), 0) from incident_event"
                        + (incidentId > 0 ? " where incident_id = ?" : "")
                        + "), (select count(*) from incident), (select coalesce(sum(case when"
                        + " status = ? then 1 else 0 end), 0) from incident)";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            if (incidentId > 0) {
                s.setLong(i++, incidentId);
            }
            s.setString(i, Incident.Status.RESOLVED.label());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1) + "." + rs.getLong(2) + "." + rs.getLong(3);
            }
        } catch (SQLException e) {
            throw failure("cannot read incidents", e);
        }
    }

    /** The incidents of a runbook that are not resolved yet, newest first. */
    public List<Incident> openFor(String runbookId) {
        List<Incident> open = new ArrayList<>();
        for (Incident incident : recent(200)) {
            if (incident.status() != Incident.Status.RESOLVED
                    && incident.runbookId().filter(runbookId::equals).isPresent()) {
                open.add(incident);
            }
        }
        return open;
    }

    /** Moves the incident to a status; resolving also records when it closed. */
    public void setStatus(long incidentId, Incident.Status status, Instant at) {
        String sql =
                "update incident set status = ?, closed_at = ?,"
                        + " open_scope = case when ? then null else open_scope end where id = ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, status.label());
            s.setTimestamp(2, status == Incident.Status.RESOLVED ? Timestamp.from(at) : null);
            s.setBoolean(3, status == Incident.Status.RESOLVED);
            s.setLong(4, incidentId);
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

    static Incident read(ResultSet rs) throws SQLException {
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

package io.tensorwasm.ops.oncall.incident;

import io.tensorwasm.ops.engine.model.Texts;
import io.tensorwasm.ops.oncall.store.Jdbc;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The alerts each incident holds (issue #17: one incident per fault): the alert that opened it and
 * every alert of the same scope, an SLO on a host, that fired while it was open and joined it. The
 * open incident of a scope is found by its {@code open_scope}, which resolving clears.
 */
public final class IncidentScopes {

    private final Jdbc jdbc;

    IncidentScopes(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource, "incident alerts");
    }

    /**
     * The scope of an alert that names its SLO: {@code invoke-availability on 127.0.0.1:8080}. The
     * burn-rate tiers of one SLO share it, so a fault that fires several of them is one incident.
     */
    public static Optional<String> of(String slo, String host) {
        if (slo == null || slo.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(Texts.clip(slo.strip() + " on " + host, 300));
    }

    /** The open incident that holds the scope. */
    public Optional<Incident> open(String scope) {
        return jdbc
                .query(
                        "select * from incident where open_scope = ?",
                        s -> s.setString(1, scope),
                        IncidentStore::read)
                .stream()
                .findFirst();
    }

    /**
     * Records that the incident holds the alert; false when some incident already held it (the same
     * firing handled again after a crash), in which case nothing is written.
     */
    public boolean hold(long incidentId, String alertKey, String alertName, Instant at) {
        return jdbc.insertOnce(
                "insert into incident_alert (alert_key, incident_id, alert_name, joined_at)"
                        + " values (?, ?, ?, ?)",
                s -> {
                    s.setString(1, alertKey);
                    s.setLong(2, incidentId);
                    s.setString(3, Texts.clip(alertName, 200));
                    s.setTimestamp(4, Timestamp.from(at));
                });
    }

    /** The incident that holds the alert, if one does. */
    public Optional<Incident> holding(String alertKey) {
        return jdbc
                .query(
                        "select i.* from incident i join incident_alert a on a.incident_id = i.id"
                                + " where a.alert_key = ?",
                        s -> s.setString(1, alertKey),
                        IncidentStore::read)
                .stream()
                .findFirst();
    }

    /**
     * Marks one of the incident's alerts resolved and returns the names of those that still fire.
     * An incident opened before alerts were recorded holds none: nothing fires on.
     */
    public List<String> resolved(long incidentId, String alertKey, Instant at) {
        jdbc.update(
                "update incident_alert set resolved_at = ? where alert_key = ?"
                        + " and resolved_at is null",
                s -> {
                    s.setTimestamp(1, Timestamp.from(at));
                    s.setString(2, alertKey);
                });
        return firing(incidentId);
    }

    /** The names of the incident's alerts that have not resolved, oldest first. */
    public List<String> firing(long incidentId) {
        return jdbc.query(
                "select alert_name from incident_alert where incident_id = ?"
                        + " and resolved_at is null order by joined_at, alert_key",
                s -> s.setLong(1, incidentId),
                rs -> rs.getString(1));
    }

    /** Every alert the incident holds, by name, oldest first. */
    public List<String> held(long incidentId) {
        return jdbc.query(
                "select alert_name from incident_alert where incident_id = ?"
                        + " order by joined_at, alert_key",
                s -> s.setLong(1, incidentId),
                rs -> rs.getString(1));
    }

    /**
     * Frees the incident's scope, so that the next alert of the scope opens an incident of its own:
     * a more urgent tier must not wait behind a slower one.
     */
    public void release(long incidentId) {
        jdbc.update(
                "update incident set open_scope = null where id = ?",
                s -> s.setLong(1, incidentId));
    }
}

package io.tensorwasm.ops.oncall.alert;

import io.tensorwasm.ops.engine.model.Texts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The durable record of what Alertmanager sent: every delivery's raw body, and one row per alert
 * state change. The unique key on (fingerprint, startsAt, status) is what makes one firing give one
 * remediation however often it is delivered, on however many console nodes.
 */
public final class AlertLedger {

    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;

    /** A ledger over the console's database. */
    public AlertLedger(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores a delivery as received, before anything is done with it; returns its id. */
    public long received(String body, Instant at) {
        String sql = "insert into alert_delivery (received_at, body, outcome) values (?, ?, ?)";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            s.setTimestamp(1, Timestamp.from(at));
            s.setString(2, body);
            s.setString(3, "received");
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store an Alertmanager delivery", e);
        }
    }

    /** Records what became of a delivery: {@code accepted} or {@code malformed}, with why. */
    public void outcome(long deliveryId, String outcome, String detail) {
        String sql = "update alert_delivery set outcome = ?, detail = ? where id = ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, outcome);
            s.setString(2, Texts.clip(detail, 1000));
            s.setLong(3, deliveryId);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record delivery " + deliveryId, e);
        }
    }

    /** What admitting an alert state change came to. */
    public enum Admission {
        /** A change not seen before: the caller handles it. */
        FRESH,
        /** A change a crash left unhandled, its claim stale: the caller handles it now. */
        RETAKEN,
        /** Handled already, or being handled by a node that claimed it lately. */
        SEEN;

        /** True when the caller is the one to handle the change. */
        public boolean ours() {
            return this != SEEN;
        }
    }

    /**
     * Records an alert state change and claims it; a change recorded before is claimed again only
     * when it is still unhandled and its claim is older than {@code staleAfter}.
     */
    public Admission admit(
            long deliveryId, AlertmanagerPayload.Alert alert, Instant at, Duration staleAfter) {
        if (insert(deliveryId, alert, at)) {
            return Admission.FRESH;
        }
        String sql =
                "update alert_event set claimed_at = ? where fingerprint = ? and starts_at = ?"
                        + " and status = ? and handled_at is null and claimed_at < ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setTimestamp(1, Timestamp.from(at));
            s.setString(2, alert.fingerprint());
            s.setTimestamp(3, Timestamp.from(alert.startsAt()));
            s.setString(4, alert.status());
            s.setTimestamp(5, Timestamp.from(at.minus(staleAfter)));
            return s.executeUpdate() == 1 ? Admission.RETAKEN : Admission.SEEN;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot claim alert " + alert.fingerprint(), e);
        }
    }

    /** Records an alert state change as received now; false when it was recorded before. */
    public boolean admit(long deliveryId, AlertmanagerPayload.Alert alert, Instant at) {
        return insert(deliveryId, alert, at);
    }

    private boolean insert(long deliveryId, AlertmanagerPayload.Alert alert, Instant at) {
        String sql =
                "insert into alert_event (delivery_id, fingerprint, starts_at, status,"
                        + " alert_name, received_at, claimed_at) values (?, ?, ?, ?, ?, ?, ?)";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, deliveryId);
            s.setString(2, alert.fingerprint());
            s.setTimestamp(3, Timestamp.from(alert.startsAt()));
            s.setString(4, alert.status());
            s.setString(5, alert.name());
            s.setTimestamp(6, Timestamp.from(at));
            s.setTimestamp(7, Timestamp.from(at));
            s.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw new IllegalStateException("cannot record alert " + alert.fingerprint(), e);
        }
    }

    /** Marks the state change handled: its incident opened, paged and its runbook started. */
    public void handled(AlertmanagerPayload.Alert alert, Instant at) {
        String sql =
                "update alert_event set handled_at = ? where fingerprint = ? and starts_at = ?"
                        + " and status = ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setTimestamp(1, Timestamp.from(at));
            s.setString(2, alert.fingerprint());
            s.setTimestamp(3, Timestamp.from(alert.startsAt()));
            s.setString(4, alert.status());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record alert " + alert.fingerprint(), e);
        }
    }

    /**
     * One state change of an alert as it arrived.
     *
     * @param status firing or resolved
     * @param startsAt when the alert started firing
     * @param receivedAt when the console received the change
     */
    public record Change(String status, Instant startsAt, Instant receivedAt) {}

    /** The state changes of one firing, in the order they arrived (issue #19's export). */
    public List<Change> changes(String fingerprint, Instant startsAt) {
        String sql =
                "select status, starts_at, received_at from alert_event where fingerprint = ?"
                        + " and starts_at = ? order by id";
        List<Change> changes = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, fingerprint);
            s.setTimestamp(2, Timestamp.from(startsAt));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    changes.add(
                            new Change(
                                    rs.getString(1),
                                    rs.getTimestamp(2).toInstant(),
                                    rs.getTimestamp(3).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read alert " + fingerprint, e);
        }
        return changes;
    }

    /**
     * A state change nobody finished.
     *
     * @param deliveryId the delivery that brought it, whose stored body holds the alert
     * @param fingerprint the alert's fingerprint
     * @param startsAt when it started firing
     * @param status firing or resolved
     */
    public record Unfinished(
            long deliveryId, String fingerprint, Instant startsAt, String status) {}

    /** The state changes still unhandled whose claim is older than the time, oldest first. */
    public List<Unfinished> unfinished(Instant claimedBefore, int limit) {
        String sql =
                "select delivery_id, fingerprint, starts_at, status from alert_event"
                        + " where handled_at is null and claimed_at < ? order by id";
        List<Unfinished> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setMaxRows(limit);
            s.setTimestamp(1, Timestamp.from(claimedBefore));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(
                            new Unfinished(
                                    rs.getLong(1),
                                    rs.getString(2),
                                    rs.getTimestamp(3).toInstant(),
                                    rs.getString(4)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read unfinished alerts", e);
        }
        return rows;
    }

    /** The body of a stored delivery. */
    public String body(long deliveryId) {
        String sql = "select body from alert_delivery where id = ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, deliveryId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no delivery " + deliveryId);
                }
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read delivery " + deliveryId, e);
        }
    }

    /** True when the resolution of this firing was already recorded (it may arrive first). */
    public boolean resolvedBefore(AlertmanagerPayload.Alert alert) {
        String sql =
                "select 1 from alert_event where fingerprint = ? and starts_at = ?"
                        + " and status = 'resolved'";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, alert.fingerprint());
            s.setTimestamp(2, Timestamp.from(alert.startsAt()));
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read alert " + alert.fingerprint(), e);
        }
    }

    /** How many deliveries ended with the outcome; for tests and the console. */
    public int deliveries(String outcome) {
        String sql = "select count(*) from alert_delivery where outcome = ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, outcome);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count deliveries", e);
        }
    }
}

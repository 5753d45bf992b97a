package io.tensorwasm.ops.engine.store;

import static io.tensorwasm.ops.engine.store.JdbcExecutionStore.time;

import io.tensorwasm.ops.engine.model.Durations;
import io.tensorwasm.ops.engine.model.GuardrailException;
import io.tensorwasm.ops.engine.model.Guardrails;
import io.tensorwasm.ops.engine.model.Mode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Admits a run inside the store's transaction: for an automatic run the kill switch, the runs of
 * the last hour and the cooldown on the same target (a fleet member's remediations count for that
 * member alone), read under the runbook's locked guard row so that two console nodes decide one
 * after the other; for every run the runbook-and-target lock.
 */
final class Admission {

    private Admission() {}

    static void admit(Connection c, NewExecution e, Guardrails guardrails) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(LOCK_GUARD_ROW)) {
            s.setString(1, e.runbookId());
            s.executeQuery().close();
        }
        killSwitch(c, e);
        hourlyLimit(c, e, guardrails);
        cooldown(c, e, guardrails);
    }

    /**
     * Why the execution would be refused now, read without locking or writing anything: the checks
     * of {@link #admit} for an automatic run, and for every run but a dry run the
     * runbook-and-target lock. A console asks before it pages, so the page says what will happen
     * (issue #17); {@link #admit} still decides, since another node may start a run in between.
     */
    static Optional<String> refusal(Connection c, NewExecution e) throws SQLException {
        try {
            if (e.guardrails().isPresent()) {
                killSwitch(c, e);
                hourlyLimit(c, e, e.guardrails().get());
                cooldown(c, e, e.guardrails().get());
            }
            long holder = e.mode() == Mode.DRY_RUN ? -1 : holder(c, e);
            if (holder >= 0) {
                throw new GuardrailException(held(e, holder));
            }
            return Optional.empty();
        } catch (GuardrailException refused) {
            return Optional.of(refused.getMessage());
        }
    }

    private static final String LOCK_GUARD_ROW =
            "select runbook_id from engine_runbook_guard where runbook_id = ? for update";

    private static void killSwitch(Connection c, NewExecution e) throws SQLException {
        String sql = "select engaged, changed_by, reason from engine_kill_switch where id = 1";
        try (PreparedStatement s = c.prepareStatement(sql);
                ResultSet rs = s.executeQuery()) {
            if (rs.next() && rs.getBoolean(1)) {
                String by = rs.getString(2) + " (" + rs.getString(3) + ")";
                throw new GuardrailException(
                        e.runbookId()
                                + ": the kill switch is engaged by "
                                + by
                                + "; automatic runs are off");
            }
        }
    }

    private static void hourlyLimit(Connection c, NewExecution e, Guardrails guardrails)
            throws SQLException {
        String sql =
                "select count(*) from engine_execution"
                        + " where runbook_id = ? and target = ? and mode = ? and started_at > ?";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, e.runbookId());
            s.setString(2, e.target());
            s.setString(3, Mode.AUTOMATIC.word());
            s.setObject(4, time(e.started().minus(Duration.ofHours(1))));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                int runs = rs.getInt(1);
                if (runs >= guardrails.maxRunsPerHour()) {
                    throw new GuardrailException(
                            e.runbookId()
                                    + ": "
                                    + runs
                                    + " automatic runs on "
                                    + e.target()
                                    + " in the last hour, the most its guardrails allow");
                }
            }
        }
    }

    private static void cooldown(Connection c, NewExecution e, Guardrails guardrails)
            throws SQLException {
        String sql =
                "select max(coalesce(finished_at, started_at)) from engine_execution"
                        + " where runbook_id = ? and target = ? and mode = ?";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, e.runbookId());
            s.setString(2, e.target());
            s.setString(3, Mode.AUTOMATIC.word());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                OffsetDateTime last = rs.getObject(1, OffsetDateTime.class);
                Instant until = last == null ? null : last.toInstant().plus(guardrails.cooldown());
                if (until != null && e.started().isBefore(until)) {
                    throw new GuardrailException(
                            e.runbookId()
                                    + ": cooling down until "
                                    + until
                                    + " ("
                                    + Durations.format(guardrails.cooldown())
                                    + " after the last automatic run on "
                                    + e.target()
                                    + ")");
                }
            }
        }
    }

    static void lock(Connection c, NewExecution e, long id) throws SQLException {
        // PostgreSQL aborts a transaction at a failed statement; the savepoint lets us name the
        // holder.
        java.sql.Savepoint beforeLock = c.setSavepoint();
        try (PreparedStatement s =
                c.prepareStatement(
                        "insert into engine_run_lock (runbook_id, target, execution_id, acquired_at) values (?, ?, ?, ?)")) {
            s.setString(1, e.runbookId());
            s.setString(2, e.target());
            s.setLong(3, id);
            s.setObject(4, time(e.started()));
            s.executeUpdate();
        } catch (SQLException ex) {
            if (!JdbcExecutionStore.UNIQUE_VIOLATION.equals(ex.getSQLState())) {
                throw ex;
            }
            c.rollback(beforeLock);
            throw new GuardrailException(held(e, holder(c, e)));
        }
    }

    private static String held(NewExecution e, long holder) {
        return e.runbookId()
                + " on "
                + e.target()
                + ": execution "
                + holder
                + " is already running; one run per runbook and target at a time";
    }

    private static long holder(Connection c, NewExecution e) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement(
                        "select execution_id from engine_run_lock where runbook_id = ? and target = ?")) {
            s.setString(1, e.runbookId());
            s.setString(2, e.target());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }
}

package io.tensorwasm.ops.oncall.remediation;

import io.tensorwasm.ops.engine.model.Automation;
import io.tensorwasm.ops.oncall.store.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code incident_remediation} table. Every change of state is one conditional update, so of
 * several console nodes (or a person and the expiry sweep) exactly one wins each transition.
 */
public final class RemediationStore {

    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;
    private final Jdbc jdbc;

    /** A store over the console's database. */
    public RemediationStore(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new Jdbc(dataSource, "remediations");
    }

    /**
     * Records the incident's remediation; false when it was recorded already (another node took the
     * same firing), in which case the caller does nothing.
     */
    boolean claim(RemediationRecord record, Instant now) {
        String sql =
                "insert into incident_remediation (incident_id, runbook_id, policy, state,"
                        + " due_at, updated_at) values (?, ?, ?, ?, ?, ?)";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, record.incidentId());
            s.setString(2, record.runbookId());
            s.setString(3, record.policy().word());
            s.setString(4, record.state().word());
            s.setTimestamp(5, record.dueAt().map(Timestamp::from).orElse(null));
            s.setTimestamp(6, Timestamp.from(now));
            s.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw failure("cannot record the remediation of incident " + record.incidentId(), e);
        }
    }

    /** Notes the execution the remediation runs. */
    void execution(long incidentId, long executionId, Instant now) {
        jdbc.update(
                "update incident_remediation set execution_id = ?, updated_at = ?"
                        + " where incident_id = ? and execution_id is null",
                s -> {
                    s.setLong(1, executionId);
                    s.setTimestamp(2, Timestamp.from(now));
                    s.setLong(3, incidentId);
                });
    }

    /**
     * Moves from one state to another, with a new due time (or none); false when the remediation
     * was no longer in the first state.
     */
    boolean transition(
            long incidentId,
            RemediationState from,
            RemediationState to,
            Optional<Instant> dueAt,
            Instant now) {
        return jdbc.update(
                        "update incident_remediation set state = ?, due_at = ?, updated_at = ?"
                                + " where incident_id = ? and state = ?",
                        s -> {
                            s.setString(1, to.word());
                            s.setTimestamp(2, dueAt.map(Timestamp::from).orElse(null));
                            s.setTimestamp(3, Timestamp.from(now));
                            s.setLong(4, incidentId);
                            s.setString(5, from.word());
                        })
                == 1;
    }

    /** Says why the remediation is where it is: a refusal, a withdrawal, an expiry. */
    void reason(long incidentId, String why) {
        jdbc.update(
                "update incident_remediation set reason = ? where incident_id = ?",
                s -> {
                    s.setString(1, io.tensorwasm.ops.engine.model.Texts.clip(why, 1000));
                    s.setLong(2, incidentId);
                });
    }

    /** The remediation of an incident. */
    public Optional<RemediationRecord> find(long incidentId) {
        List<RemediationRecord> found =
                jdbc.query(
                        "select * from incident_remediation where incident_id = ?",
                        s -> s.setLong(1, incidentId),
                        RemediationStore::record);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Remediations in a state, whatever their due time. */
    List<RemediationRecord> in(RemediationState state) {
        return jdbc.query(
                "select * from incident_remediation where state = ? order by incident_id",
                s -> s.setString(1, state.word()),
                RemediationStore::record);
    }

    /**
     * Puts a new execution in the place of one that ended; false when another node did first, or
     * the remediation moved on.
     */
    boolean replaceExecution(long incidentId, long ended, long replacement, Instant now) {
        return jdbc.update(
                        "update incident_remediation set execution_id = ?, updated_at = ?"
                                + " where incident_id = ? and execution_id = ? and state = ?",
                        s -> {
                            s.setLong(1, replacement);
                            s.setTimestamp(2, Timestamp.from(now));
                            s.setLong(3, incidentId);
                            s.setLong(4, ended);
                            s.setString(5, RemediationState.AWAITING_APPROVAL.word());
                        })
                == 1;
    }

    /** The remediation that runs an execution, if an incident's runbook started it. */
    public Optional<RemediationRecord> byExecution(long executionId) {
        List<RemediationRecord> found =
                jdbc.query(
                        "select * from incident_remediation where execution_id = ?",
                        s -> s.setLong(1, executionId),
                        RemediationStore::record);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /**
     * A person resumed the remediation's run: the continuation takes its place; false when another
     * resume did first.
     */
    boolean resumed(long incidentId, long stopped, long continuation, Instant now) {
        return jdbc.update(
                        "update incident_remediation set execution_id = ?, state = ?, due_at = null,"
                                + " updated_at = ? where incident_id = ? and execution_id = ?",
                        s -> {
                            s.setLong(1, continuation);
                            s.setString(2, RemediationState.RESUMED.word());
                            s.setTimestamp(3, Timestamp.from(now));
                            s.setLong(4, incidentId);
                            s.setLong(5, stopped);
                        })
                == 1;
    }

    /** Remediations in a state whose due time has come. */
    List<RemediationRecord> due(RemediationState state, Instant now) {
        return jdbc.query(
                "select * from incident_remediation where state = ? and due_at <= ?"
                        + " order by incident_id",
                s -> {
                    s.setString(1, state.word());
                    s.setTimestamp(2, Timestamp.from(now));
                },
                RemediationStore::record);
    }

    private static RemediationRecord record(ResultSet rs) throws SQLException {
        long execution = rs.getLong("execution_id");
        Optional<Long> executionId = rs.wasNull() ? Optional.empty() : Optional.of(execution);
        Timestamp due = rs.getTimestamp("due_at");
        return new RemediationRecord(
                rs.getLong("incident_id"),
                rs.getString("runbook_id"),
                Automation.valueOf(rs.getString("policy").toUpperCase(Locale.ROOT)),
                RemediationState.ofWord(rs.getString("state")),
                executionId,
                Optional.ofNullable(due).map(Timestamp::toInstant),
                Optional.ofNullable(rs.getString("reason")).orElse(""));
    }

    private static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException(what + ": " + e.getMessage(), e);
    }
}

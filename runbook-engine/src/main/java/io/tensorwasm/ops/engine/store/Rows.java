package io.tensorwasm.ops.engine.store;

import io.tensorwasm.ops.engine.model.CheckResult;
import io.tensorwasm.ops.engine.model.Mode;
import io.tensorwasm.ops.engine.model.RunStatus;
import io.tensorwasm.ops.engine.model.StepResult;
import io.tensorwasm.ops.engine.model.Trigger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads executions and steps back from their rows. */
final class Rows {

    private Rows() {}

    static final String SUMMARY =
            "select id, runbook_id, content_hash, mode, trigger_kind, trigger_value, target, status, started_at, finished_at, estimated_seconds, sla_seconds, summary from engine_execution";

    static ExecutionSummary summary(ResultSet rs) throws SQLException {
        OffsetDateTime finished = rs.getObject(10, OffsetDateTime.class);
        long sla = rs.getLong(12);
        boolean noSla = rs.wasNull();
        return new ExecutionSummary(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                Mode.ofWord(rs.getString(4)),
                new Trigger(
                        Trigger.Source.valueOf(rs.getString(5).toUpperCase(java.util.Locale.ROOT)),
                        rs.getString(6)),
                rs.getString(7),
                RunStatus.ofWord(rs.getString(8)),
                rs.getObject(9, OffsetDateTime.class).toInstant(),
                Optional.ofNullable(finished).map(OffsetDateTime::toInstant),
                Duration.ofSeconds(rs.getLong(11)),
                noSla ? Optional.empty() : Optional.of(Duration.ofSeconds(sla)),
                rs.getString(13));
    }

    static List<StepResult> steps(Connection c, long executionId) throws SQLException {
        List<StepResult> steps = new ArrayList<>();
        String sql =
                "select step_number, action, status, check_outcome, expected, observed, polls, started_at, finished_at, attempts, approver, note, output_excerpt, member_name, member_batch from engine_step where execution_id = ? order by seq";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, executionId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Instant started = rs.getObject(8, OffsetDateTime.class).toInstant();
                    Instant finished = rs.getObject(9, OffsetDateTime.class).toInstant();
                    CheckResult check =
                            new CheckResult(
                                    CheckResult.Outcome.valueOf(
                                            rs.getString(4).toUpperCase(java.util.Locale.ROOT)),
                                    rs.getString(5),
                                    rs.getString(6),
                                    rs.getInt(7),
                                    Duration.between(started, finished));
                    steps.add(
                            new StepResult(
                                    rs.getInt(1),
                                    rs.getString(2),
                                    StepResult.Status.valueOf(
                                            rs.getString(3).toUpperCase(java.util.Locale.ROOT)),
                                    check,
                                    started,
                                    finished,
                                    rs.getInt(10),
                                    rs.getString(11),
                                    rs.getString(12),
                                    rs.getString(13),
                                    rs.getString(14),
                                    rs.getString(15)));
                }
            }
        }
        return steps;
    }
}

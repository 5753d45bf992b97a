package io.tensorwasm.ops.oncall.run;

import io.tensorwasm.ops.engine.model.Texts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Every evaluation of every check of the console's runs, kept so that an execution page (live or
 * read later) can show the values a check saw and draw them. The engine records only a step's last
 * observation; this table holds each poll ({@code db/web/V2}).
 */
public final class CheckPolls {

    private static final int MAX_OBSERVED = 400;

    private final DataSource dataSource;

    /** Polls in the console's database. */
    public CheckPolls(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records one poll. */
    public void record(Poll poll) {
        String sql =
                "insert into console_check_poll (execution_id, seq, step_number, attempt, poll,"
                        + " polled_at, verdict, observed, reading, reading_value)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, poll.executionId());
            s.setLong(2, poll.seq());
            s.setInt(3, poll.step());
            s.setInt(4, poll.attempt());
            s.setInt(5, poll.poll());
            s.setObject(6, poll.at().atOffset(ZoneOffset.UTC));
            s.setString(7, poll.verdict());
            s.setString(8, Texts.clip(poll.observed(), MAX_OBSERVED));
            if (poll.reading() == null) {
                s.setNull(9, Types.VARCHAR);
                s.setNull(10, Types.DOUBLE);
            } else {
                s.setString(9, Texts.clip(poll.reading().name(), MAX_OBSERVED));
                s.setDouble(10, poll.reading().value());
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot record a check poll of execution " + poll.executionId(), e);
        }
    }

    /** The polls of an execution, in the order they happened. */
    public List<Poll> of(long executionId) {
        String sql =
                "select seq, step_number, attempt, poll, polled_at, verdict, observed, reading,"
                        + " reading_value from console_check_poll where execution_id = ? order by seq";
        List<Poll> polls = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, executionId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(8);
                    double value = rs.getDouble(9);
                    polls.add(
                            new Poll(
                                    executionId,
                                    rs.getLong(1),
                                    rs.getInt(2),
                                    rs.getInt(3),
                                    rs.getInt(4),
                                    rs.getObject(5, OffsetDateTime.class).toInstant(),
                                    rs.getString(6),
                                    rs.getString(7),
                                    name == null ? null : new ObservedValue(name, value)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the check polls of " + executionId, e);
        }
        return polls;
    }

    /**
     * One evaluation of a check.
     *
     * @param executionId the execution
     * @param seq its place among the execution's polls
     * @param step the step number
     * @param attempt the step's attempt, from 1
     * @param poll the poll within the attempt, from 1
     * @param at when it was evaluated
     * @param verdict {@code holds}, {@code does not hold} or {@code error}
     * @param observed what the engine read, redacted
     * @param reading the number worth drawing, or null
     */
    public record Poll(
            long executionId,
            long seq,
            int step,
            int attempt,
            int poll,
            Instant at,
            String verdict,
            String observed,
            ObservedValue reading) {

        public Poll {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(verdict, "verdict");
            Objects.requireNonNull(observed, "observed");
        }
    }
}

package io.tensorwasm.ops.engine.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tensorwasm.ops.engine.model.CheckResult;
import io.tensorwasm.ops.engine.model.Durations;
import io.tensorwasm.ops.engine.model.Mode;
import io.tensorwasm.ops.engine.model.RunStatus;
import io.tensorwasm.ops.engine.model.RunbookException;
import io.tensorwasm.ops.engine.model.StepResult;
import io.tensorwasm.ops.engine.model.Texts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The execution store over plain JDBC: an embedded H2 file by default, PostgreSQL by JDBC URL.
 * Flyway migrates {@code classpath:db/engine} at open. Guardrails are enforced in one transaction
 * that locks the runbook's guard row, so two console nodes never both admit a run.
 *
 * <p>An execution is interrupted when it is {@code running} and its heartbeat is older than {@code
 * staleAfter}: its process died. Opening the store and listing executions mark them.
 *
 * <p>It stays one class past 400 lines because each method is one statement of the store's
 * contract; admission and row reading already live apart ({@code Admission}, {@code Rows}, {@code
 * History}).
 */
public final class JdbcExecutionStore implements ExecutionStore {

    private static final Logger logger = LoggerFactory.getLogger(JdbcExecutionStore.class);
    static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;
    private final AutoCloseable owned;
    private final Duration staleAfter;
    private final String node;
    private final boolean reading;

    private JdbcExecutionStore(
            DataSource dataSource, AutoCloseable owned, Duration staleAfter, boolean reading) {
        this.dataSource = dataSource;
        this.owned = owned;
        this.staleAfter = staleAfter;
        this.node = ProcessHandle.current().pid() + "@" + hostName();
        this.reading = reading;
    }

    /**
     * Opens a store to read only, for commands that only look ({@code twops runbook history}): it
     * migrates nothing and marks nothing; an execution whose process died is read as it was
     * recorded until a store that runs executions marks it (issue #16: a read wrote).
     */
    public static Optional<JdbcExecutionStore> openForReading(
            String jdbcUrl, String user, String password) {
        // An H2 file that does not exist yet is not made for a look: there is nothing to read.
        String url =
                jdbcUrl.startsWith("jdbc:h2:file:")
                                && !jdbcUrl.toUpperCase(java.util.Locale.ROOT).contains("IFEXISTS")
                        ? jdbcUrl + ";IFEXISTS=TRUE"
                        : jdbcUrl;
        try (Connection c = java.sql.DriverManager.getConnection(url, user, password);
                ResultSet tables =
                        c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            boolean found = false;
            while (tables.next()) {
                found |= tables.getString("TABLE_NAME").equalsIgnoreCase("engine_execution");
            }
            if (!found) {
                return Optional.empty();
            }
        } catch (SQLException e) {
            if (url.contains("IFEXISTS=TRUE") && "90146".equals(e.getSQLState())) {
                return Optional.empty();
            }
            throw new IllegalStateException(
                    jdbcUrl + ": cannot read the executions: " + e.getMessage(), e);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(2);
        config.setReadOnly(true);
        config.setPoolName("engine-store-reader");
        HikariDataSource pool = Pools.open(config);
        return Optional.of(new JdbcExecutionStore(pool, pool, Duration.ofSeconds(30), true));
    }

    /** Opens a pooled store at a JDBC URL, migrates it and marks interrupted executions. */
    public static JdbcExecutionStore open(String jdbcUrl, String user, String password) {
        return open(jdbcUrl, user, password, Duration.ofSeconds(30));
    }

    /** As {@link #open(String, String, String)}, with the heartbeat age that means "dead". */
    public static JdbcExecutionStore open(
            String jdbcUrl, String user, String password, Duration staleAfter) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(durable(jdbcUrl));
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(4);
        config.setPoolName("engine-store");
        HikariDataSource pool = Pools.open(config);
        try {
            return migrated(pool, pool, staleAfter);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /**
     * An H2 file URL that writes each commit at once. By default H2 keeps commits in memory for up
     * to 500 ms, so a kill -9 right after a step could lose its record (issue #5: never lost).
     */
    static String durable(String jdbcUrl) {
        boolean h2File = jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:h2:mem:");
        return h2File && !jdbcUrl.toUpperCase(java.util.Locale.ROOT).contains("WRITE_DELAY")
                ? jdbcUrl + ";WRITE_DELAY=0"
                : jdbcUrl;
    }

    /** A store over a data source the caller owns (the console's pool). */
    public static JdbcExecutionStore over(DataSource dataSource, Duration staleAfter) {
        return migrated(dataSource, () -> {}, staleAfter);
    }

    private static JdbcExecutionStore migrated(
            DataSource dataSource, AutoCloseable owned, Duration staleAfter) {
        // Each module keeps its own history table, so the console can migrate the engine and
        // itself in one database without their version numbers colliding. The schema is not empty
        // when the console's tables came first; a baseline at 0 still applies every migration.
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/engine")
                .table("engine_schema_history")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        JdbcExecutionStore store = new JdbcExecutionStore(dataSource, owned, staleAfter, false);
        int interrupted = store.markInterrupted(Instant.now());
        if (interrupted > 0) {
            logger.warn(
                    "marked {} executions interrupted: their process stopped mid-run", interrupted);
        }
        return store;
    }

    @Override
    public long begin(NewExecution execution) {
        markInterrupted(execution.started());
        if (execution.guardrails().isPresent()) {
            ensureGuardRow(execution.runbookId());
        }
        return transaction(
                c -> {
                    if (execution.guardrails().isPresent()) {
                        Admission.admit(c, execution, execution.guardrails().get());
                    }
                    long id = insertExecution(c, execution);
                    Pins.write(c, id, execution);
                    // A dry run and a shadow run change nothing, so neither takes the lock.
                    if (execution.mode() != Mode.DRY_RUN && execution.mode() != Mode.SHADOW) {
                        Admission.lock(c, execution, id);
                    }
                    return id;
                });
    }

    @Override
    public Optional<String> refusal(NewExecution execution) {
        markInterrupted(execution.started());
        return transaction(c -> Admission.refusal(c, execution));
    }

    private long insertExecution(Connection c, NewExecution e) throws SQLException {
        String sql =
                "insert into engine_execution (runbook_id, content_hash, mode, trigger_kind, trigger_value, target, status, node, started_at, heartbeat_at, estimated_seconds, sla_seconds)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement s = c.prepareStatement(sql, new String[] {"id"})) {
            s.setString(1, e.runbookId());
            s.setString(2, e.contentHash());
            s.setString(3, e.mode().word());
            s.setString(4, e.trigger().kind().name().toLowerCase(java.util.Locale.ROOT));
            s.setString(5, Texts.clip(e.trigger().value(), 300));
            s.setString(6, e.target());
            s.setString(7, RunStatus.RUNNING.word());
            s.setString(8, node);
            s.setObject(9, time(e.started()));
            s.setObject(10, time(e.started()));
            s.setLong(11, e.estimated().toSeconds());
            if (e.sla().isPresent()) {
                s.setLong(12, e.sla().get().toSeconds());
            } else {
                s.setNull(12, java.sql.Types.BIGINT);
            }
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private void ensureGuardRow(String runbookId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s =
                        c.prepareStatement(
                                "insert into engine_runbook_guard (runbook_id) values (?)")) {
            s.setString(1, runbookId);
            s.executeUpdate();
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw failure("cannot create the guard row of " + runbookId, e);
            }
        }
    }

    @Override
    public void recordStep(long executionId, StepResult step) {
        recordStep(executionId, step, null);
    }

    @Override
    public void recordStep(long executionId, StepResult step, Map<String, Object> values) {
        transaction(
                c -> {
                    if (values != null) {
                        Pins.values(c, executionId, step.step(), values, false);
                    }
                    int seq;
                    try (PreparedStatement s =
                            c.prepareStatement(
                                    "select count(*) from engine_step where execution_id = ?")) {
                        s.setLong(1, executionId);
                        try (ResultSet rs = s.executeQuery()) {
                            rs.next();
                            seq = rs.getInt(1) + 1;
                        }
                    }
                    String sql =
                            "insert into engine_step (execution_id, seq, step_number, action, status, check_outcome, expected, observed, polls, attempts, approver, note, output_excerpt, started_at, finished_at, member_name, member_batch)"
                                    + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
                    try (PreparedStatement s = c.prepareStatement(sql)) {
                        CheckResult check = step.check();
                        s.setLong(1, executionId);
                        s.setInt(2, seq);
                        s.setInt(3, step.step());
                        s.setString(4, Texts.clip(step.action(), 2000));
                        s.setString(5, step.status().word());
                        s.setString(6, check.outcome().word());
                        s.setString(7, Texts.clip(check.expected(), 2000));
                        s.setString(8, Texts.clip(check.observed(), 4000));
                        s.setInt(9, check.polls());
                        s.setInt(10, step.attempts());
                        s.setString(11, Texts.clip(step.approver(), 200));
                        s.setString(12, Texts.clip(step.note(), 2000));
                        s.setString(13, Texts.clip(step.output(), 4000));
                        s.setObject(14, time(step.started()));
                        s.setObject(15, time(step.finished()));
                        s.setString(16, Texts.clip(step.member(), 200));
                        s.setString(17, Texts.clip(step.batch(), 40));
                        s.executeUpdate();
                    }
                    touch(c, executionId, step.finished());
                    return null;
                });
    }

    @Override
    public void stepStarted(long executionId, int step) {
        transaction(
                c -> {
                    Pins.stepStarted(c, executionId, step);
                    return null;
                });
    }

    @Override
    public Optional<RunbookText> runbookText(String contentHash) {
        return transaction(c -> Pins.text(c, contentHash));
    }

    @Override
    public Optional<Lineage> lineage(long executionId) {
        return transaction(c -> Pins.lineage(c, executionId));
    }

    @Override
    public Map<Integer, Map<String, Object>> stepValues(long executionId) {
        return transaction(c -> Pins.values(c, executionId));
    }

    @Override
    public List<KillSwitchChange> killSwitchChanges(Instant from, Instant to) {
        return transaction(c -> Pins.killSwitchChanges(c, from, to));
    }

    @Override
    public void heartbeat(long executionId, Instant now) {
        transaction(
                c -> {
                    touch(c, executionId, now);
                    return null;
                });
    }

    private static void touch(Connection c, long executionId, Instant now) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement(
                        "update engine_execution set heartbeat_at = ? where id = ? and status = ?")) {
            s.setObject(1, time(now));
            s.setLong(2, executionId);
            s.setString(3, RunStatus.RUNNING.word());
            s.executeUpdate();
        }
    }

    @Override
    public void finish(long executionId, RunStatus status, Instant finished, String summary) {
        transaction(
                c -> {
                    try (PreparedStatement s =
                            c.prepareStatement(
                                    "update engine_execution set status = ?, finished_at = ?, heartbeat_at = ?, summary = ? where id = ?")) {
                        s.setString(1, status.word());
                        s.setObject(2, time(finished));
                        s.setObject(3, time(finished));
                        s.setString(4, Texts.clip(summary, 2000));
                        s.setLong(5, executionId);
                        s.executeUpdate();
                    }
                    unlock(c, executionId);
                    return null;
                });
    }

    private static void unlock(Connection c, long executionId) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("delete from engine_run_lock where execution_id = ?")) {
            s.setLong(1, executionId);
            s.executeUpdate();
        }
    }

    @Override
    public int markInterrupted(Instant now) {
        if (reading) {
            return 0;
        }
        return transaction(
                c -> {
                    List<Long> stale = new ArrayList<>();
                    try (PreparedStatement s =
                            c.prepareStatement(
                                    "select id from engine_execution where status = ? and heartbeat_at < ?")) {
                        s.setString(1, RunStatus.RUNNING.word());
                        s.setObject(2, time(now.minus(staleAfter)));
                        try (ResultSet rs = s.executeQuery()) {
                            while (rs.next()) {
                                stale.add(rs.getLong(1));
                            }
                        }
                    }
                    for (long id : stale) {
                        try (PreparedStatement s =
                                c.prepareStatement(
                                        "update engine_execution set status = ?, finished_at = heartbeat_at, summary = ? where id = ? and status = ?")) {
                            s.setString(1, RunStatus.INTERRUPTED.word());
                            s.setString(
                                    2,
                                    "interrupted: no heartbeat for more than "
                                            + Durations.format(staleAfter)
                                            + "; found at "
                                            + now);
                            s.setLong(3, id);
                            s.setString(4, RunStatus.RUNNING.word());
                            s.executeUpdate();
                        }
                        unlock(c, id);
                    }
                    return stale.size();
                });
    }

    @Override
    public List<ExecutionSummary> recent(int limit) {
        markInterrupted(Instant.now());
        return transaction(
                c -> {
                    List<ExecutionSummary> out = new ArrayList<>();
                    try (PreparedStatement s =
                            c.prepareStatement(Rows.SUMMARY + " order by id desc")) {
                        s.setMaxRows(limit);
                        try (ResultSet rs = s.executeQuery()) {
                            while (rs.next()) {
                                out.add(Rows.summary(rs));
                            }
                        }
                    }
                    return out;
                });
    }

    @Override
    public Optional<ExecutionRecord> find(long executionId) {
        return transaction(
                c -> {
                    ExecutionSummary summary;
                    try (PreparedStatement s = c.prepareStatement(Rows.SUMMARY + " where id = ?")) {
                        s.setLong(1, executionId);
                        try (ResultSet rs = s.executeQuery()) {
                            if (!rs.next()) {
                                return Optional.<ExecutionRecord>empty();
                            }
                            summary = Rows.summary(rs);
                        }
                    }
                    return Optional.of(new ExecutionRecord(summary, Rows.steps(c, executionId)));
                });
    }

    @Override
    public HistorySlice history(HistoryQuery query) {
        return transaction(c -> History.read(c, query));
    }

    @Override
    public void engageKillSwitch(String by, String reason, Instant now) {
        killSwitch(true, by, reason, now);
    }

    @Override
    public void releaseKillSwitch(String by, Instant now) {
        killSwitch(false, by, "", now);
    }

    private void killSwitch(boolean engaged, String by, String reason, Instant now) {
        transaction(
                c -> {
                    try (PreparedStatement s =
                            c.prepareStatement(
                                    "update engine_kill_switch set engaged = ?, changed_by = ?, reason = ?, changed_at = ? where id = 1")) {
                        s.setBoolean(1, engaged);
                        s.setString(2, Texts.clip(by, 200));
                        s.setString(3, Texts.clip(reason, 500));
                        s.setObject(4, time(now));
                        s.executeUpdate();
                    }
                    Pins.killSwitchChanged(c, engaged, by, reason, now);
                    return null;
                });
        logger.warn("kill switch {} by {}", engaged ? "engaged" : "released", by);
    }

    @Override
    public KillSwitch killSwitch() {
        return transaction(
                c -> {
                    try (PreparedStatement s =
                                    c.prepareStatement(
                                            "select engaged, changed_by, reason, changed_at from engine_kill_switch where id = 1");
                            ResultSet rs = s.executeQuery()) {
                        if (!rs.next()) {
                            return new KillSwitch(false, "", "", Optional.empty());
                        }
                        OffsetDateTime at = rs.getObject(4, OffsetDateTime.class);
                        return new KillSwitch(
                                rs.getBoolean(1),
                                rs.getString(2),
                                rs.getString(3),
                                Optional.ofNullable(at).map(OffsetDateTime::toInstant));
                    }
                });
    }

    @Override
    public void close() {
        try {
            owned.close();
        } catch (Exception e) {
            throw new RunbookException("cannot close the execution store", e);
        }
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T transaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failure("database error", e);
        }
    }

    private static RunbookException failure(String what, SQLException e) {
        return new RunbookException("execution store: " + what + ": " + e.getMessage(), e);
    }

    static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException ignored) {
            return "localhost";
        }
    }
}

package io.tensorwasm.ops.drills;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.util.Optional;
import javax.sql.DataSource;

/** The record of every drill run, over JDBC; one run per fire key, whatever the nodes do. */
public final class DrillRunStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;

    /** A store over the console's database. */
    public DrillRunStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Starts a run; empty when a run with the same fire key exists (another node has it). */
    public Optional<Long> begin(
            String drill, String fireKey, String node, String trigger, Instant at) {
        String sql =
                "insert into drill_run (drill, fire_key, node, trigger_kind, started_at,"
                        + " outcome) values (?, ?, ?, ?, ?, 'running')";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, drill);
            s.setString(2, fireKey);
            s.setString(3, node);
            s.setString(4, trigger);
            s.setTimestamp(5, Timestamp.from(at));
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return Optional.of(keys.getLong(1));
            }
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return Optional.empty();
            }
            throw new IllegalStateException("cannot record a run of drill " + drill, e);
        }
    }

    /** Records the checks and the outcome of a run. */
    public void finish(long runId, List<DrillCheck> checks, Instant at) {
        boolean passed = !checks.isEmpty() && checks.stream().allMatch(DrillCheck::passed);
        String failed =
                String.join(
                        "; ",
                        checks.stream()
                                .filter(c -> !c.passed())
                                .map(c -> c.name() + ": " + c.observed())
                                .toList());
        String sql =
                "update drill_run set finished_at = ?, outcome = ?, summary = ?, checks = ?"
                        + " where id = ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setTimestamp(1, Timestamp.from(at));
            s.setString(2, passed ? "passed" : "failed");
            s.setString(3, Texts.clip(passed ? checks.size() + " checks passed" : failed, 1000));
            s.setString(4, toJson(checks));
            s.setLong(5, runId);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot finish drill run " + runId, e);
        }
    }

    /** Records that a run was stopped by its node shutting down. */
    public void interrupted(long runId, Instant at) {
        String sql =
                "update drill_run set finished_at = ?, outcome = 'interrupted', summary = 'its node"
                        + " stopped before it finished' where id = ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setTimestamp(1, Timestamp.from(at));
            s.setLong(2, runId);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot mark drill run " + runId + " interrupted", e);
        }
    }

    /**
     * Marks runs still "running" that started before the cut-off as interrupted: their node died
     * mid-run (a drill never takes an hour). Returns how many it marked.
     */
    public int markAbandoned(Instant startedBefore) {
        String sql =
                "update drill_run set outcome = 'interrupted', summary = 'its node stopped"
                        + " before it finished' where outcome = 'running' and started_at < ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setTimestamp(1, Timestamp.from(startedBefore));
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot mark abandoned drill runs", e);
        }
    }

    /** The newest runs first. */
    public List<DrillRun> recent(int limit) {
        return query("select * from drill_run order by id desc", null, limit);
    }

    /** The newest runs of one drill first. */
    public List<DrillRun> recent(String drill, int limit) {
        return query("select * from drill_run where drill = ? order by id desc", drill, limit);
    }

    /** The run of a fire key, e.g. {@code manual:ID} of a run-now request. */
    public Optional<DrillRun> byFireKey(String fireKey) {
        return query("select * from drill_run where fire_key = ?", fireKey, 1).stream().findFirst();
    }

    private List<DrillRun> query(String sql, String parameter, int limit) {
        List<DrillRun> runs = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            if (parameter != null) {
                s.setString(1, parameter);
            }
            s.setMaxRows(limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    runs.add(read(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read drill runs", e);
        }
        return runs;
    }

    /** How many runs a drill has; the multi-node test counts them. */
    public int count(String drill) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s =
                        c.prepareStatement("select count(*) from drill_run where drill = ?")) {
            s.setString(1, drill);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count runs of drill " + drill, e);
        }
    }

    private static DrillRun read(ResultSet rs) throws SQLException {
        Timestamp finished = rs.getTimestamp("finished_at");
        String checks = rs.getString("checks");
        return new DrillRun(
                rs.getLong("id"),
                rs.getString("drill"),
                rs.getString("fire_key"),
                rs.getString("node"),
                rs.getString("trigger_kind"),
                rs.getTimestamp("started_at").toInstant(),
                Optional.ofNullable(finished).map(Timestamp::toInstant),
                rs.getString("outcome"),
                rs.getString("summary") == null ? "" : rs.getString("summary"),
                checks == null ? List.of() : fromJson(checks));
    }

    static String toJson(List<DrillCheck> checks) {
        ArrayNode array = JSON.createArrayNode();
        // Each check's text is cut so the whole fits its column (20,000), never the JSON: a cut
        // document would not read back.
        int observed = Math.max(100, 15_000 / Math.max(1, checks.size()));
        checks.forEach(
                c ->
                        array.addObject()
                                .put("name", Texts.clip(c.name(), 200))
                                .put("passed", c.passed())
                                .put("observed", Texts.clip(c.observed(), observed))
                                .put("took_ms", c.took().toMillis()));
        return array.toString();
    }

    static List<DrillCheck> fromJson(String json) {
        JsonNode array;
        try {
            array = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the stored checks of a drill run are not JSON", e);
        }
        List<DrillCheck> checks = new ArrayList<>();
        array.forEach(
                c ->
                        checks.add(
                                new DrillCheck(
                                        c.path("name").asText(),
                                        c.path("passed").asBoolean(),
                                        c.path("observed").asText(),
                                        Duration.ofMillis(c.path("took_ms").asLong()))));
        return checks;
    }
}

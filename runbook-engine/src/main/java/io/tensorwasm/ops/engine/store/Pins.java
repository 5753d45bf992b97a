package io.tensorwasm.ops.engine.store;

import static io.tensorwasm.ops.engine.store.JdbcExecutionStore.time;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tensorwasm.ops.engine.model.Texts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The rows of issue #19 inside the store's transactions: the pinned texts, an execution's inputs
 * and parent, its steps' result values, and the kill switch's changes.
 */
final class Pins {

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);
    private static final int VALUES_LIMIT = 1_000_000;
    private static final int LONG_TEXT = 16_000;

    private Pins() {}

    /** Writes what a new execution pins: its text (once per hash), inputs, parent, inheritance. */
    static void write(Connection c, long id, NewExecution e) throws SQLException {
        Origin origin = e.origin();
        if (origin.text().isPresent()) {
            text(c, origin.text().get(), e.started());
        }
        input(c, id, origin.params(), "param");
        input(c, id, origin.vars(), "var");
        if (origin.continuation().isPresent()) {
            Continuation k = origin.continuation().get();
            try (PreparedStatement s =
                    c.prepareStatement(
                            "update engine_execution set parent_id = ?, resumed_from_step = ?,"
                                    + " resumed_by = ?, resume_reason = ?, version_choice = ?"
                                    + " where id = ?")) {
                s.setLong(1, k.parentId());
                s.setInt(2, k.fromStep());
                s.setString(3, Texts.clip(k.by(), 200));
                s.setString(4, Texts.clip(k.reason(), 2000));
                s.setString(5, k.versionWord());
                s.setLong(6, id);
                s.executeUpdate();
            }
            for (Map.Entry<Integer, Map<String, Object>> step : k.inherited().entrySet()) {
                values(c, id, step.getKey(), step.getValue(), true);
            }
        }
    }

    private static void text(Connection c, RunbookText text, Instant at) throws SQLException {
        Savepoint before = c.setSavepoint();
        try (PreparedStatement s =
                c.prepareStatement(
                        "insert into engine_runbook_text (content_hash, runbook_id, file_name,"
                                + " body, first_run_at) select ?, ?, ?, ?, ? where not exists"
                                + " (select 1 from engine_runbook_text where content_hash = ?)")) {
            s.setString(1, text.contentHash());
            s.setString(2, text.runbookId());
            s.setString(3, Texts.clip(text.fileName(), 300));
            s.setString(4, text.text());
            s.setObject(5, time(at));
            s.setString(6, text.contentHash());
            s.executeUpdate();
        } catch (SQLException ex) {
            // Two nodes pinning the same new version at once: the other one's row is the same.
            if (!JdbcExecutionStore.UNIQUE_VIOLATION.equals(ex.getSQLState())) {
                throw ex;
            }
            c.rollback(before);
        }
    }

    private static void input(Connection c, long id, Map<String, String> inputs, String kind)
            throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement(
                        "insert into engine_execution_input (execution_id, name, kind,"
                                + " input_value) values (?, ?, ?, ?)")) {
            for (Map.Entry<String, String> input : inputs.entrySet()) {
                s.setLong(1, id);
                s.setString(2, input.getKey());
                s.setString(3, kind);
                s.setString(4, Texts.clip(input.getValue(), 2000));
                s.executeUpdate();
            }
        }
    }

    /** Keeps a step's values; a step that runs again replaces them. */
    static void values(
            Connection c, long id, int step, Map<String, Object> values, boolean inherited)
            throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement(
                        "delete from engine_step_value where execution_id = ? and step_number = ?")) {
            s.setLong(1, id);
            s.setInt(2, step);
            s.executeUpdate();
        }
        try (PreparedStatement s =
                c.prepareStatement(
                        "insert into engine_step_value (execution_id, step_number, inherited,"
                                + " values_json) values (?, ?, ?, ?)")) {
            s.setLong(1, id);
            s.setInt(2, step);
            s.setBoolean(3, inherited);
            s.setString(4, json(values));
            s.executeUpdate();
        }
    }

    static void stepStarted(Connection c, long id, int step) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("update engine_execution set current_step = ? where id = ?")) {
            s.setInt(1, step);
            s.setLong(2, id);
            s.executeUpdate();
        }
    }

    static Optional<RunbookText> text(Connection c, String hash) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement(
                        "select content_hash, runbook_id, file_name, body from engine_runbook_text"
                                + " where content_hash = ?")) {
            s.setString(1, hash);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next()
                        ? Optional.of(
                                new RunbookText(
                                        rs.getString(1),
                                        rs.getString(2),
                                        rs.getString(3),
                                        rs.getString(4)))
                        : Optional.empty();
            }
        }
    }

    static Optional<Lineage> lineage(Connection c, long id) throws SQLException {
        Optional<Continuation> parent;
        OptionalInt last;
        String hash;
        try (PreparedStatement s =
                c.prepareStatement(
                        "select parent_id, resumed_from_step, resumed_by, resume_reason,"
                                + " version_choice, current_step, content_hash"
                                + " from engine_execution where id = ?")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long parentId = rs.getLong(1);
                parent =
                        rs.wasNull()
                                ? Optional.empty()
                                : Optional.of(
                                        new Continuation(
                                                parentId,
                                                rs.getInt(2),
                                                rs.getString(3),
                                                rs.getString(4),
                                                "current".equals(rs.getString(5)),
                                                Map.of()));
                int step = rs.getInt(6);
                last = rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(step);
                hash = rs.getString(7);
            }
        }
        Map<String, String> params = new LinkedHashMap<>();
        Map<String, String> vars = new LinkedHashMap<>();
        try (PreparedStatement s =
                c.prepareStatement(
                        "select name, kind, input_value from engine_execution_input"
                                + " where execution_id = ? order by name")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    (rs.getString(2).equals("param") ? params : vars)
                            .put(rs.getString(1), rs.getString(3));
                }
            }
        }
        List<Long> children = new ArrayList<>();
        try (PreparedStatement s =
                c.prepareStatement(
                        "select id from engine_execution where parent_id = ? order by id")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    children.add(rs.getLong(1));
                }
            }
        }
        return Optional.of(
                new Lineage(params, vars, parent, last, children, text(c, hash).isPresent()));
    }

    static Map<Integer, Map<String, Object>> values(Connection c, long id) throws SQLException {
        Map<Integer, Map<String, Object>> all = new TreeMap<>();
        try (PreparedStatement s =
                c.prepareStatement(
                        "select step_number, values_json from engine_step_value"
                                + " where execution_id = ?")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    all.put(rs.getInt(1), parse(rs.getString(2)));
                }
            }
        }
        return all;
    }

    static void killSwitchChanged(
            Connection c, boolean engaged, String by, String reason, Instant at)
            throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement(
                        "insert into engine_kill_switch_change (engaged, changed_by, reason,"
                                + " changed_at) values (?, ?, ?, ?)")) {
            s.setBoolean(1, engaged);
            s.setString(2, Texts.clip(by, 200));
            s.setString(3, Texts.clip(reason, 500));
            s.setObject(4, time(at));
            s.executeUpdate();
        }
    }

    static List<KillSwitchChange> killSwitchChanges(Connection c, Instant from, Instant to)
            throws SQLException {
        List<KillSwitchChange> changes = new ArrayList<>();
        try (PreparedStatement s =
                c.prepareStatement(
                        "select engaged, changed_by, reason, changed_at from"
                                + " engine_kill_switch_change where changed_at >= ? and"
                                + " changed_at <= ? order by id")) {
            s.setObject(1, time(from));
            s.setObject(2, time(to));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    changes.add(
                            new KillSwitchChange(
                                    rs.getBoolean(1),
                                    rs.getString(2),
                                    rs.getString(3),
                                    rs.getObject(4, OffsetDateTime.class).toInstant()));
                }
            }
        }
        return changes;
    }

    /** Values as JSON; a long text is cut so the row stays within its column. */
    private static String json(Map<String, Object> values) {
        try {
            String json = JSON.writeValueAsString(values);
            if (json.length() <= VALUES_LIMIT) {
                return json;
            }
            Map<String, Object> cut = new LinkedHashMap<>();
            values.forEach(
                    (k, v) ->
                            cut.put(k, v instanceof String text ? Texts.clip(text, LONG_TEXT) : v));
            json = JSON.writeValueAsString(cut);
            return json.length() <= VALUES_LIMIT ? json : "{}";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a step's values are not JSON: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> parse(String json) {
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "stored step values are not JSON: " + e.getMessage(), e);
        }
    }
}

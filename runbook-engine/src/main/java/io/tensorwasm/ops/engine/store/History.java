package io.tensorwasm.ops.engine.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Reads one page of the history: the matching executions by id, newest first, and how many match.
 * Each filter column has an index that ends in {@code id} ({@code db/engine/V2}), so a page is an
 * index range scan whatever its depth.
 */
final class History {

    private History() {}

    static HistorySlice read(Connection c, HistoryQuery query) throws SQLException {
        Filter filter = Filter.of(query);
        boolean forward = query.after().isPresent();
        List<ExecutionSummary> rows = new ArrayList<>();
        String sql =
                Rows.SUMMARY
                        + filter.where(
                                forward ? "id > ?" : query.before().isPresent() ? "id < ?" : "")
                        + (forward ? " order by id asc" : " order by id desc")
                        + " limit ?";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int next = filter.bind(s, 1);
            if (forward) {
                s.setLong(next++, query.after().getAsLong());
            } else if (query.before().isPresent()) {
                s.setLong(next++, query.before().getAsLong());
            }
            s.setInt(next, query.limit() + 1);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(Rows.summary(rs));
                }
            }
        }
        boolean more = rows.size() > query.limit();
        if (more) {
            rows.remove(rows.size() - 1);
        }
        if (forward) {
            Collections.reverse(rows);
        }
        boolean older = forward ? !rows.isEmpty() && exists(c, filter, "id < ?", last(rows)) : more;
        boolean newer = forward ? more : newerThanPage(c, filter, query, rows);
        return new HistorySlice(rows, count(c, filter), older, newer);
    }

    /** True when a page found going back from {@code before} has newer rows in front of it. */
    private static boolean newerThanPage(
            Connection c, Filter filter, HistoryQuery query, List<ExecutionSummary> rows)
            throws SQLException {
        if (query.before().isEmpty()) {
            return false;
        }
        long first = rows.isEmpty() ? query.before().getAsLong() - 1 : rows.get(0).id();
        return exists(c, filter, "id > ?", first);
    }

    private static long last(List<ExecutionSummary> rows) {
        return rows.get(rows.size() - 1).id();
    }

    private static boolean exists(Connection c, Filter filter, String bound, long id)
            throws SQLException {
        String sql = "select id from engine_execution" + filter.where(bound) + " limit 1";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(filter.bind(s, 1), id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static long count(Connection c, Filter filter) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("select count(*) from engine_execution" + filter.where(""))) {
            filter.bind(s, 1);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The filter's columns and values, in the order they are bound. */
    private record Filter(List<String> columns, List<String> values) {

        static Filter of(HistoryQuery query) {
            List<String> columns = new ArrayList<>();
            List<String> values = new ArrayList<>();
            query.runbookId()
                    .ifPresent(
                            r -> {
                                columns.add("runbook_id");
                                values.add(r);
                            });
            query.mode()
                    .ifPresent(
                            m -> {
                                columns.add("mode");
                                values.add(m.word());
                            });
            query.status()
                    .ifPresent(
                            s -> {
                                columns.add("status");
                                values.add(s.word());
                            });
            query.trigger()
                    .ifPresent(
                            t -> {
                                columns.add("trigger_kind");
                                values.add(t.name().toLowerCase(Locale.ROOT));
                            });
            return new Filter(columns, values);
        }

        String where(String extra) {
            List<String> terms = new ArrayList<>();
            columns.forEach(column -> terms.add(column + " = ?"));
            if (!extra.isEmpty()) {
                terms.add(extra);
            }
            return terms.isEmpty() ? "" : " where " + String.join(" and ", terms);
        }

        int bind(PreparedStatement s, int first) throws SQLException {
            int index = first;
            for (String value : values) {
                s.setString(index++, value);
            }
            return index;
        }
    }
}

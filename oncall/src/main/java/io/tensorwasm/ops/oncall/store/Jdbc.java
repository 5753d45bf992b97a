package io.tensorwasm.ops.oncall.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The console stores' one way to run a statement: a connection from the pool per call, the
 * parameters bound by a lambda, rows read by another, and a failure that names what the store was
 * doing ("cannot read pages: ...").
 *
 * <pre>{@code
 * Jdbc jdbc = new Jdbc(dataSource, "pages");
 * List<Long> ids = jdbc.query("select id from page where tier = ?", s -> s.setString(1, "primary"),
 *         rs -> rs.getLong("id"));
 * }</pre>
 */
public final class Jdbc {

    /** Sets a statement's parameters. */
    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /** Reads the current row. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** SQLState of a unique-key violation, the same in H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;
    private final String what;

    /**
     * @param what the rows the store keeps, for failure messages: "pages", "remediations"
     */
    public Jdbc(DataSource dataSource, String what) {
        this.dataSource = dataSource;
        this.what = what;
    }

    /** Every row the query returns, read in order. */
    public <T> List<T> query(String sql, Binder binder, RowReader<T> reader) {
        List<T> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(reader.read(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + what + ": " + e.getMessage(), e);
        }
        return rows;
    }

    /**
     * Runs an insert; false when a row with the same unique key is there already, which is how two
     * console nodes learn that the other one wrote first.
     */
    public boolean insertOnce(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            s.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw new IllegalStateException("cannot write " + what + ": " + e.getMessage(), e);
        }
    }

    /** Runs an insert, update or delete and returns how many rows it changed. */
    public int update(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write " + what + ": " + e.getMessage(), e);
        }
    }
}

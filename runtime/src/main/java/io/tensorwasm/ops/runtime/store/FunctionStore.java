package io.tensorwasm.ops.runtime.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The function registry's table; every call is blocking JDBC, so never call it on the loop. */
public final class FunctionStore {

    private static final String COLUMNS = "id, tenant, name, sha256, wasm, created_at";

    private final DataSource dataSource;

    public FunctionStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Inserts a function; its id must be new. */
    public void insert(StoredFunction function) {
        String sql =
                "INSERT INTO runtime_functions ("
                        + COLUMNS
                        + ", size_bytes)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, function.id());
            s.setString(2, function.tenant());
            s.setString(3, function.name());
            s.setString(4, function.sha256());
            s.setBytes(5, function.wasm());
            s.setTimestamp(6, Timestamp.from(function.createdAt()));
            s.setLong(7, function.wasm().length);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot insert function " + function.id(), e);
        }
    }

    /** The function with the id, if any. */
    public Optional<StoredFunction> find(String id) {
        List<StoredFunction> found =
                query("SELECT " + COLUMNS + " FROM runtime_functions WHERE id = ?", id);
        return found.stream().findFirst();
    }

    /** Every function, oldest first. */
    public List<StoredFunction> all() {
        return query("SELECT " + COLUMNS + " FROM runtime_functions ORDER BY created_at, id", null);
    }

    /** Deletes the function; true when it existed. */
    public boolean delete(String id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s =
                        c.prepareStatement("DELETE FROM runtime_functions WHERE id = ?")) {
            s.setString(1, id);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("cannot delete function " + id, e);
        }
    }

    private List<StoredFunction> query(String sql, String id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            if (id != null) {
                s.setString(1, id);
            }
            List<StoredFunction> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(
                            new StoredFunction(
                                    rs.getString("id"),
                                    rs.getString("tenant"),
                                    rs.getString("name"),
                                    rs.getString("sha256"),
                                    rs.getBytes("wasm"),
                                    rs.getTimestamp("created_at").toInstant()));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read functions", e);
        }
    }
}

package io.tensorwasm.ops.runtime.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
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

    /** Inserts a function not described yet; its id must be new. */
    public void insert(StoredFunction function) {
        insert(function, null, null);
    }

    /**
     * Inserts a function with its description; its id must be new.
     *
     * @param exports the JSON array of its exports
     * @param compiles whether Chicory's compiler took it, or null when it was not tried
     */
    public void insert(StoredFunction function, String exports, Boolean compiles) {
        String sql =
                "INSERT INTO runtime_functions ("
                        + COLUMNS
                        + ", size_bytes, exports, compiles)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, function.id());
            s.setString(2, function.tenant());
            s.setString(3, function.name());
            s.setString(4, function.sha256());
            s.setBytes(5, function.wasm());
            s.setTimestamp(6, Timestamp.from(function.createdAt()));
            s.setLong(7, function.wasm().length);
            s.setString(8, exports);
            s.setObject(9, compiles, Types.BOOLEAN);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot insert function " + function.id(), e);
        }
    }

    /** Records the description of a function stored without one. */
    public void describe(String id, String exports, Boolean compiles) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s =
                        c.prepareStatement(
                                "UPDATE runtime_functions SET exports = ?, compiles = ?"
                                        + " WHERE id = ?")) {
            s.setString(1, exports);
            s.setObject(2, compiles, Types.BOOLEAN);
            s.setString(3, id);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot describe function " + id, e);
        }
    }

    /** Records whether Chicory's compiler took the function, once its first compile is done. */
    public void compiled(String id, boolean compiles) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s =
                        c.prepareStatement(
                                "UPDATE runtime_functions SET compiles = ? WHERE id = ?")) {
            s.setBoolean(1, compiles);
            s.setString(2, id);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot record the compile of function " + id, e);
        }
    }

    /** Every function without its bytes, oldest first: what a start reads. */
    public List<FunctionEntry> entries() {
        String sql =
                "SELECT id, tenant, name, sha256, size_bytes, created_at, exports, compiles"
                        + " FROM runtime_functions ORDER BY created_at, id";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql);
                ResultSet rs = s.executeQuery()) {
            List<FunctionEntry> out = new ArrayList<>();
            while (rs.next()) {
                out.add(
                        new FunctionEntry(
                                rs.getString("id"),
                                rs.getString("tenant"),
                                rs.getString("name"),
                                rs.getString("sha256"),
                                rs.getLong("size_bytes"),
                                rs.getTimestamp("created_at").toInstant(),
                                rs.getString("exports"),
                                rs.getObject("compiles", Boolean.class)));
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read functions", e);
        }
    }

    /** How many functions a tenant has and the bytes of their modules. */
    public TenantUsage usage(String tenant) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s =
                        c.prepareStatement(
                                "SELECT COUNT(*), COALESCE(SUM(size_bytes), 0)"
                                        + " FROM runtime_functions WHERE tenant = ?")) {
            s.setString(1, tenant);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new TenantUsage(rs.getLong(1), rs.getLong(2));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot count the functions of tenant " + tenant, e);
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

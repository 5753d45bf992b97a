package io.tensorwasm.ops.oncall.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tensorwasm.ops.engine.store.Pools;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The console's connection pool, migrated on open ({@code db/web}). The engine's execution store
 * migrates its own schema ({@code db/engine}) into the same database when the console opens it over
 * this pool, each with its own history table, so one database holds both.
 */
public final class Database implements AutoCloseable {

    static {
        loopbackOnly();
    }

    private final HikariDataSource dataSource;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Keeps H2's servers on loopback: the embedded console database runs in H2's auto-server mode
     * so {@code twops} commands can read it while the console holds it, and H2 otherwise listens on
     * every interface (issue #16). Call before the first use of H2 in the process; H2 reads the
     * property once. An operator's own {@code -Dh2.bindAddress} stands.
     */
    public static void loopbackOnly() {
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
    }

    /** Opens a pool on the JDBC URL and applies every pending migration. */
    public static Database open(String jdbcUrl, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(8);
        config.setPoolName("console");
        // The engine's pool rules: a short wait during an outage, a fresh pool after a restart.
        HikariDataSource dataSource = Pools.open(config);
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/web")
                    .table("web_schema_history")
                    // The engine's tables may be there first; a baseline at 0 applies every
                    // migration of ours all the same.
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .placeholders(Map.of("binary", binaryType(jdbcUrl)))
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new Database(dataSource);
    }

    /** The column type Quartz stores job data in: BYTEA on PostgreSQL, BLOB on H2. */
    static String binaryType(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:postgresql:") ? "BYTEA" : "BLOB";
    }

    /** True when the database is PostgreSQL, which Quartz reads with its own delegate. */
    public boolean postgres() {
        return dataSource.getJdbcUrl().startsWith("jdbc:postgresql:");
    }

    /** The pool. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** True when a connection answers within a second; used by the health panel. */
    public boolean reachable() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(1);
        } catch (SQLException ignored) {
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}

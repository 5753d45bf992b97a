package io.tensorwasm.ops.runtime.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The registry's connection pool, migrated by Flyway from {@code classpath:db/runtime} on open.
 *
 * <pre>{@code
 * try (Database db = Database.open(Database.h2Url(dataDir), "", "")) {
 *     FunctionStore store = new FunctionStore(db.dataSource());
 * }
 * }</pre>
 */
public final class Database implements AutoCloseable {

    /** Where the runtime's migrations live on the classpath. */
    public static final String MIGRATIONS = "classpath:db/runtime";

    private final HikariDataSource dataSource;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The JDBC URL of the embedded H2 file database under a data directory. */
    public static String h2Url(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("registry") + ";DB_CLOSE_DELAY=0";
    }

    /** Opens a pool on the URL and applies pending migrations. */
    public static Database open(String jdbcUrl, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(4);
        config.setPoolName("tensor-wasm-registry");
        HikariDataSource pool = new HikariDataSource(config);
        try {
            Flyway.configure()
                    .dataSource(pool)
                    .locations(MIGRATIONS)
                    .table("runtime_schema_history")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new Database(pool);
    }

    /** True when the registry is an embedded H2 database, which {@link RegistryBackup} copies. */
    public boolean h2() {
        return dataSource.getJdbcUrl().startsWith("jdbc:h2:");
    }

    /** The pooled data source. */
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}

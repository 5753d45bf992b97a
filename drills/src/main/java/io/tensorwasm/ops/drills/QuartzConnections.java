package io.tensorwasm.ops.drills;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.quartz.utils.ConnectionProvider;

/** Gives Quartz connections from the console's own pool, so it needs no second configuration. */
final class QuartzConnections implements ConnectionProvider {

    private final DataSource dataSource;

    QuartzConnections(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public void shutdown() {
        // The pool belongs to the console, which closes it after the scheduler.
    }

    @Override
    public void initialize() {
        // Nothing to set up: the pool is open before Quartz starts.
    }
}

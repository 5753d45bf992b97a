package io.tensorwasm.ops.engine.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one home of how this project pools connections to its databases, so that the console's pool
 * and the engine's store behave alike when the database goes away and comes back.
 *
 * <ul>
 *   <li>A caller waits {@link #CONNECTION_WAIT} for a connection, then gets an error. Hikari's
 *       30-second default would hold a console page or a webhook delivery past its client's timeout
 *       while the database is down; a healthy database answers in milliseconds.
 *   <li>When one connection shows that the server went away (a restart, a failover: SQLSTATE class
 *       08 or 57P0x), every other connection of the pool dates from the same server and is evicted
 *       too. Hikari checks a connection before lending it only when it has been idle for half a
 *       second, so without this the first requests after a quick restart are lent the old server's
 *       dead connections one by one and fail.
 * </ul>
 */
public final class Pools {

    /** How long a caller waits for a connection before it gets an error. */
    public static final Duration CONNECTION_WAIT = Duration.ofSeconds(5);

    private Pools() {}

    /** Opens a pool from the configuration with the rules above. */
    public static HikariDataSource open(HikariConfig config) {
        EvictAllOnServerLoss rule = new EvictAllOnServerLoss();
        config.setConnectionTimeout(CONNECTION_WAIT.toMillis());
        config.setExceptionOverride(rule);
        HikariDataSource pool = new HikariDataSource(config);
        rule.pool.set(pool);
        return pool;
    }

    /** Whether an error says the database server behind a connection is gone. */
    static boolean serverLost(SQLException e) {
        String state = e.getSQLState();
        return state != null
                && (state.startsWith("08")
                        || state.equals("57P01")
                        || state.equals("57P02")
                        || state.equals("57P03"));
    }

    /** Evicts the whole pool when one of its connections shows the server is gone. */
    private static final class EvictAllOnServerLoss implements SQLExceptionOverride {
        final AtomicReference<HikariDataSource> pool = new AtomicReference<>();

        @java.lang.Override
        public SQLExceptionOverride.Override adjudicate(SQLException e) {
            HikariDataSource opened = pool.get();
            if (opened != null && serverLost(e) && opened.getHikariPoolMXBean() != null) {
                opened.getHikariPoolMXBean().softEvictConnections();
            }
            return SQLExceptionOverride.Override.CONTINUE_EVICT;
        }
    }
}

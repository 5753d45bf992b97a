package io.tensorwasm.ops.web.drill;

import io.tensorwasm.ops.web.incident.IncidentStore;
import io.tensorwasm.ops.web.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One console node's drill scheduler in a JVM of its own, for the cluster test: a "heartbeat" drill
 * every two seconds that also writes every attempt to a table, so the test can tell Quartz firing
 * twice from our unique key catching it. Runs until killed.
 */
final class DrillNode {

    private DrillNode() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String node = args[1];
        Database database = Database.open(url, "postgres", "");
        Drill heartbeat =
                new Drill() {
                    @Override
                    public String name() {
                        return "heartbeat";
                    }

                    @Override
                    public String description() {
                        return "records that it ran";
                    }

                    @Override
                    public List<DrillCheck> run() {
                        attempt(database, node);
                        return List.of(DrillCheck.pass("ran on " + node, node, Duration.ZERO));
                    }
                };
        DrillRunner runner =
                new DrillRunner(
                        Map.of("heartbeat", heartbeat),
                        new DrillRunStore(database.dataSource()),
                        new IncidentStore(database.dataSource()),
                        node,
                        Clock.systemUTC());
        DrillScheduler.start(
                new DrillScheduler.Settings(
                        node, true, Duration.ofSeconds(1), Map.of("heartbeat", "0/2 * * * * ?")),
                database.dataSource(),
                runner);
        System.out.println("node " + node + " scheduling");
        Thread.currentThread().join();
    }

    private static void attempt(Database database, String node) {
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s =
                        c.prepareStatement("insert into test_attempt (node) values (?)")) {
            s.setString(1, node);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

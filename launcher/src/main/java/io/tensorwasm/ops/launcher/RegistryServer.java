package io.tensorwasm.ops.launcher;

import io.tensorwasm.ops.oncall.store.PrivateFiles;
import io.tensorwasm.ops.runtime.store.Database;
import java.nio.file.Path;
import java.sql.SQLException;
import org.h2.tools.Server;

/**
 * The registry database a fleet's replicas share when {@code twops start --replicas N} runs them on
 * one machine: an H2 database served over TCP by this JVM on 127.0.0.1 (H2 binds where {@code
 * h2.bindAddress} says, which twops sets to loopback), created and migrated before any replica
 * starts, so no two replicas race to migrate it. Its password is a random token in {@code
 * DATA_DIR/fleet/registry-password} (mode 0600), which each replica's start script reads. It lives
 * as long as the loop: production runs replicas on PostgreSQL ({@code --db-url}).
 */
final class RegistryServer implements AutoCloseable {

    /** The database's name under its directory, and in the replicas' URL. */
    static final String NAME = "registry";

    /** Its user; the password is in {@link #passwordFile}. */
    static final String USER = "sa";

    private final Server server;
    private final int port;

    private RegistryServer(Server server, int port) {
        this.server = server;
        this.port = port;
    }

    /** The password's file under a fleet directory. */
    static Path passwordFile(Path fleetDir) {
        return fleetDir.resolve("registry-password");
    }

    /** The JDBC URL replicas connect with. */
    String url() {
        return "jdbc:h2:tcp://127.0.0.1:" + port + "/" + NAME;
    }

    /**
     * Creates and migrates the database under {@code fleetDir/registry} if needed and serves it on
     * the port.
     *
     * @throws IllegalStateException with one line when it cannot listen
     */
    static RegistryServer start(Path fleetDir, int port) {
        Path dir = PrivateFiles.directory(fleetDir.resolve(NAME));
        String password = PrivateFiles.token(passwordFile(fleetDir));
        // Migrated here, embedded, before the server and the replicas exist.
        Database.open("jdbc:h2:file:" + dir.resolve(NAME).toAbsolutePath(), USER, password).close();
        try {
            Server server =
                    Server.createTcpServer(
                                    "-tcpPort",
                                    Integer.toString(port),
                                    "-baseDir",
                                    dir.toAbsolutePath().toString(),
                                    "-tcpDaemon")
                            .start();
            return new RegistryServer(server, server.getPort());
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "the fleet's registry database did not start on 127.0.0.1:"
                            + port
                            + ": "
                            + Loop.rootCause(e),
                    e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}

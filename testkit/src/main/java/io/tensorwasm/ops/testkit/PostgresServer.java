package io.tensorwasm.ops.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway PostgreSQL cluster in a temp directory on 127.0.0.1, trusting local connections. As
 * root it runs as the {@code postgres} user, which PostgreSQL requires.
 *
 * <pre>{@code
 * try (PostgresServer pg = PostgresServer.start()) {
 *     String url = pg.createDatabase("engine");
 *     DriverManager.getConnection(url, pg.user(), "");
 * }
 * }</pre>
 */
public final class PostgresServer implements AutoCloseable {

    private static final String USER = "postgres";
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private final Tools tools;
    private final Path home;
    private final int port;
    private ManagedProcess process;

    private PostgresServer(Tools tools, Path home, int port) {
        this.tools = tools;
        this.home = home;
        this.port = port;
    }

    /** Initialises a cluster, starts it and waits until it accepts connections. */
    public static PostgresServer start() {
        return start(Tools.system());
    }

    /** As {@link #start()}, looking for the binaries with the given tools. */
    public static PostgresServer start(Tools tools) {
        Path initdb = tools.locate(Tool.INITDB);
        tools.locate(Tool.POSTGRES);
        tools.locate(Tool.PSQL);
        Path home = Scratch.directory("postgres");
        Path data = home.resolve("data");
        if (ROOT) {
            run(List.of("chown", "-R", USER + ":" + USER, home.toString()), "chown");
        }
        run(
                asPostgres(
                        List.of(
                                initdb.toString(),
                                "-D",
                                data.toString(),
                                "-U",
                                USER,
                                "-A",
                                "trust",
                                "-E",
                                "UTF8",
                                "--no-sync")),
                "initdb");
        PostgresServer server = new PostgresServer(tools, home, FreePort.next());
        server.launch();
        return server;
    }

    /**
     * Stops the server as an outage would, keeping its data: clients get connection refused until
     * {@link #restart()}.
     */
    public void stop() {
        // A fast shutdown, as an operator's restart or a failover does: open sessions are cut.
        Path pgCtl = tools.locate(Tool.POSTGRES).resolveSibling("pg_ctl");
        run(
                asPostgres(
                        List.of(
                                pgCtl.toString(),
                                "-D",
                                home.resolve("data").toString(),
                                "-m",
                                "fast",
                                "-w",
                                "stop")),
                "pg_ctl stop");
        process.close();
    }

    /** Starts the stopped server again on the same data and port, and waits until it answers. */
    public void restart() {
        launch();
    }

    private void launch() {
        Path data = home.resolve("data");
        process =
                ManagedProcess.start(
                        "postgres",
                        asPostgres(
                                List.of(
                                        tools.locate(Tool.POSTGRES).toString(),
                                        "-D",
                                        data.toString(),
                                        "-p",
                                        Integer.toString(port),
                                        "-c",
                                        "listen_addresses=127.0.0.1",
                                        "-c",
                                        "unix_socket_directories=" + home,
                                        "-c",
                                        "fsync=off",
                                        "-c",
                                        "max_connections=100")),
                        home);
        try {
            process.awaitReady("a select 1", Duration.ofSeconds(60), () -> psqlOk("postgres"));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Creates a database and returns its JDBC URL. */
    public String createDatabase(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException(name + ": database names here are [a-z_][a-z0-9_]*");
        }
        run(psql("postgres", "create database " + name), "create database " + name);
        return jdbcUrl(name);
    }

    /** The JDBC URL of a database on this server. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** The user to connect as; it needs no password. */
    public String user() {
        return USER;
    }

    /** The port it listens on. */
    public int port() {
        return port;
    }

    /** The server process, for its log. */
    public ManagedProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.close();
        Scratch.delete(home);
    }

    private boolean psqlOk(String database) throws InterruptedException {
        try {
            Process p =
                    new ProcessBuilder(psql(database, "select 1"))
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private List<String> psql(String database, String sql) {
        return List.of(
                tools.locate(Tool.PSQL).toString(),
                "-h",
                "127.0.0.1",
                "-p",
                Integer.toString(port),
                "-U",
                USER,
                "-d",
                database,
                "-v",
                "ON_ERROR_STOP=1",
                "-qAtc",
                sql);
    }

    private static List<String> asPostgres(List<String> command) {
        if (!ROOT) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", USER, "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static void run(List<String> command, String what) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(what + " failed: " + output.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(what + ": cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + ": interrupted", e);
        }
    }
}

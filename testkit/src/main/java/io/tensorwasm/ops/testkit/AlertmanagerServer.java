package io.tensorwasm.ops.testkit;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * A real Alertmanager on 127.0.0.1, clustering off, stopped by {@link #close()}.
 *
 * <pre>{@code
 * try (AlertmanagerServer am = AlertmanagerServer.start(configYaml)) {
 *     prometheusBuilder.alertmanager("127.0.0.1:" + am.port());
 * }
 * }</pre>
 */
public final class AlertmanagerServer implements AutoCloseable {

    private final ManagedProcess process;
    private final Path home;
    private final int port;

    private AlertmanagerServer(ManagedProcess process, Path home, int port) {
        this.process = process;
        this.home = home;
        this.port = port;
    }

    /** Starts Alertmanager with the given configuration and waits for {@code /-/ready}. */
    public static AlertmanagerServer start(String configYaml) {
        return start(configYaml, Tools.system());
    }

    /** As {@link #start(String)}, looking for the binary with the given tools. */
    public static AlertmanagerServer start(String configYaml, Tools tools) {
        Path binary = tools.locate(Tool.ALERTMANAGER);
        Path home = Scratch.directory("alertmanager");
        Scratch.write(home.resolve("alertmanager.yml"), configYaml);
        int port = FreePort.next();
        ManagedProcess process =
                ManagedProcess.startServer(
                        "alertmanager",
                        List.of(
                                binary.toString(),
                                "--config.file=" + home.resolve("alertmanager.yml"),
                                "--storage.path=" + home.resolve("data"),
                                "--web.listen-address=127.0.0.1:" + port,
                                // An empty address turns gossip off, so no second port is bound.
                                "--cluster.listen-address=",
                                "--log.level=warn"),
                        home,
                        URI.create("http://127.0.0.1:" + port + "/-/ready"));
        AlertmanagerServer server = new AlertmanagerServer(process, home, port);
        return server;
    }

    /** The port it listens on. */
    public int port() {
        return port;
    }

    /** Its base URI, {@code http://127.0.0.1:PORT}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The process, for its log. */
    public ManagedProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.close();
        Scratch.delete(home);
    }
}

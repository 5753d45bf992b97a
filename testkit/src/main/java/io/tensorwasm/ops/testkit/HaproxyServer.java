package io.tensorwasm.ops.testkit;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real HAProxy on 127.0.0.1 in front of some HTTP servers, with its runtime API on a UNIX stats
 * socket ({@code level admin}, mode 0600), stopped by {@link #close()}. Servers are health-checked
 * on {@code GET /healthz} every 500 ms.
 *
 * <pre>{@code
 * try (HaproxyServer lb = HaproxyServer.builder()
 *         .server("replica-1", "127.0.0.1:" + port1)
 *         .server("replica-2", "127.0.0.1:" + port2)
 *         .start()) {
 *     Path socket = lb.socket();
 * }
 * }</pre>
 */
public final class HaproxyServer implements AutoCloseable {

    /** The backend the servers are in. */
    public static final String BACKEND = "tensor-wasm";

    private final ManagedProcess process;
    private final Path home;
    private final int port;

    private HaproxyServer(ManagedProcess process, Path home, int port) {
        this.process = process;
        this.home = home;
        this.port = port;
    }

    /** Starts describing an HAProxy to run. */
    public static Builder builder() {
        return new Builder();
    }

    /** Its frontend, {@code http://127.0.0.1:PORT}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The stats socket, its runtime API. */
    public Path socket() {
        return home.resolve("admin.sock");
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

    /** The servers behind it. */
    public static final class Builder {
        private final Map<String, String> servers = new LinkedHashMap<>();
        private Tools tools = Tools.system();

        private Builder() {}

        /** A server of the backend, at host:port. */
        public Builder server(String name, String hostPort) {
            servers.put(name, hostPort);
            return this;
        }

        /** Where to look for the binary (default: the system). */
        public Builder tools(Tools tools) {
            this.tools = tools;
            return this;
        }

        /** Starts HAProxy and waits until its frontend answers its monitor URI. */
        public HaproxyServer start() {
            Path binary = tools.locate(Tool.HAPROXY);
            Path home = Scratch.directory("haproxy");
            int port = FreePort.next();
            Scratch.write(home.resolve("haproxy.cfg"), config(home, port));
            ManagedProcess process =
                    ManagedProcess.startServer(
                            "haproxy",
                            List.of(
                                    binary.toString(),
                                    "-db",
                                    "-f",
                                    home.resolve("haproxy.cfg").toString()),
                            home,
                            URI.create("http://127.0.0.1:" + port + "/haproxy-ready"));
            return new HaproxyServer(process, home, port);
        }

        private String config(Path home, int port) {
            StringBuilder cfg =
                    new StringBuilder()
                            .append("global\n")
                            .append("    stats socket ")
                            .append(home.resolve("admin.sock"))
                            .append(" mode 600 level admin\n")
                            .append("defaults\n")
                            .append("    mode http\n")
                            .append("    timeout connect 2s\n")
                            .append("    timeout client 30s\n")
                            .append("    timeout server 30s\n")
                            .append("frontend fleet\n")
                            .append("    bind 127.0.0.1:")
                            .append(port)
                            .append('\n')
                            .append("    monitor-uri /haproxy-ready\n")
                            .append("    default_backend ")
                            .append(BACKEND)
                            .append('\n')
                            .append("backend ")
                            .append(BACKEND)
                            .append('\n')
                            .append("    option httpchk GET /healthz\n")
                            .append("    default-server inter 500ms fall 2 rise 1\n");
            servers.forEach(
                    (name, hostPort) ->
                            cfg.append("    server ")
                                    .append(name)
                                    .append(' ')
                                    .append(hostPort)
                                    .append(" check\n"));
            return cfg.toString();
        }
    }
}

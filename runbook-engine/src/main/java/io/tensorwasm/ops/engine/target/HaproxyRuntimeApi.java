package io.tensorwasm.ops.engine.target;

import io.tensorwasm.ops.engine.model.Action;
import io.tensorwasm.ops.engine.model.Fleet;
import io.tensorwasm.ops.engine.model.Texts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * HAProxy's runtime API over its stats socket ({@code stats socket ... level admin}): one command
 * per connection, as {@code socat} sends them. {@code set server BACKEND/SERVER state
 * drain|ready|maint} changes a server's administrative state, {@code show stat} reads its status
 * and current sessions ({@code scur}) from the CSV.
 *
 * <pre>{@code
 * HaproxyRuntimeApi api = HaproxyRuntimeApi.unix(Path.of("data/fleet/haproxy.sock"), "tensor-wasm");
 * api.set("replica-1", Action.BalancerOperation.DRAIN);
 * }</pre>
 */
public final class HaproxyRuntimeApi implements LoadBalancer {

    private static final int MAX_ANSWER = 4 << 20;

    private final SocketAddress socket;
    private final String backend;

    private HaproxyRuntimeApi(SocketAddress socket, String backend) {
        this.socket = socket;
        this.backend = backend;
    }

    /** The API on a UNIX socket. */
    public static HaproxyRuntimeApi unix(Path socket, String backend) {
        return new HaproxyRuntimeApi(UnixDomainSocketAddress.of(socket), backend);
    }

    /** The API a fleet file names. */
    public static HaproxyRuntimeApi of(Fleet.Balancer balancer) {
        if (!balancer.socket().isEmpty()) {
            return unix(Path.of(balancer.socket()), balancer.backend());
        }
        int colon = balancer.address().lastIndexOf(':');
        return new HaproxyRuntimeApi(
                new InetSocketAddress(
                        balancer.address().substring(0, colon),
                        Integer.parseInt(balancer.address().substring(colon + 1))),
                balancer.backend());
    }

    @Override
    public ServerState set(String server, Action.BalancerOperation state) {
        if (state == Action.BalancerOperation.STATUS) {
            return state(server);
        }
        String answer = command("set server " + backend + "/" + server + " state " + state.word());
        if (!answer.isBlank()) {
            // HAProxy answers nothing when the command worked, and says why when it did not.
            throw new IllegalStateException(
                    "HAProxy refused to set "
                            + backend
                            + "/"
                            + server
                            + " to "
                            + state.word()
                            + ": "
                            + answer.strip());
        }
        return state(server);
    }

    @Override
    public ServerState state(String server) {
        String csv = command("show stat");
        List<String> lines = csv.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty() || !lines.get(0).startsWith("# ")) {
            throw new IllegalStateException(
                    "HAProxy's show stat answered no CSV: " + Texts.clip(csv, 200));
        }
        List<String> header = Arrays.asList(lines.get(0).substring(2).split(",", -1));
        int name = header.indexOf("svname");
        int proxy = header.indexOf("pxname");
        int status = header.indexOf("status");
        int sessions = header.indexOf("scur");
        for (String line : lines.subList(1, lines.size())) {
            String[] row = line.split(",", -1);
            if (row.length > Math.max(status, sessions)
                    && row[proxy].equals(backend)
                    && row[name].equals(server)) {
                return new ServerState(
                        server,
                        row[status],
                        row[sessions].isEmpty() ? 0 : Long.parseLong(row[sessions]));
            }
        }
        throw new IllegalStateException(
                "HAProxy has no server " + server + " in backend " + backend);
    }

    /** Sends one command and reads the answer until HAProxy closes the connection. */
    String command(String command) {
        try (SocketChannel channel =
                socket instanceof UnixDomainSocketAddress
                        ? SocketChannel.open(StandardProtocolFamily.UNIX)
                        : SocketChannel.open()) {
            channel.connect(socket);
            channel.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.US_ASCII)));
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(8192);
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                answer.write(buffer.array(), 0, buffer.limit());
                buffer.clear();
                if (answer.size() > MAX_ANSWER) {
                    throw new IllegalStateException(
                            "HAProxy answered more than " + MAX_ANSWER + " bytes to " + command);
                }
            }
            return answer.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "HAProxy's runtime API at " + describeSocket() + ": " + e.getMessage(), e);
        }
    }

    private String describeSocket() {
        return socket instanceof UnixDomainSocketAddress unix
                ? unix.getPath().toString()
                : socket.toString();
    }

    @Override
    public String describe() {
        return "HAProxy backend " + backend + " (runtime API at " + describeSocket() + ")";
    }
}

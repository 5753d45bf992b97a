package io.tensorwasm.ops.launcher;

import io.tensorwasm.ops.engine.model.FleetMember;
import io.tensorwasm.ops.engine.target.LocalProcessTarget;
import io.tensorwasm.ops.oncall.store.PrivateFiles;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * HAProxy as a child process of {@code twops start --replicas N}: the fleet's load balancer on the
 * runtime's address, one server per replica, health-checked on {@code /healthz}, routing a tenant's
 * requests to one replica by its bearer token (sticky routing, which seed 002 makes mandatory:
 * rate-limit buckets and compiled modules are per process). Its runtime API is a UNIX stats socket
 * under the data directory, mode 0600, at level admin: what {@code lb} steps drive. Configuration
 * in {@code DATA_DIR/fleet/haproxy.cfg}, rewritten at each start; output in {@code
 * DATA_DIR/logs/haproxy.log}.
 */
final class HaproxyProcess {

    /** The backend whose servers are the replicas. */
    static final String BACKEND = "tensor-wasm";

    private HaproxyProcess() {}

    /** The stats socket under a fleet directory. */
    static Path socket(Path fleetDir) {
        return fleetDir.resolve("haproxy.sock");
    }

    /** The child listening on {@code listen}, in front of the members. */
    static Child child(Path binary, URI listen, Path dataDir, List<FleetMember> members) {
        Path data = dataDir.toAbsolutePath();
        Path fleetDir = data.resolve(FleetProcesses.DIR);
        Path config =
                PrivateFiles.write(
                        fleetDir.resolve("haproxy.cfg"), config(listen, socket(fleetDir), members));
        Path log = data.resolve("logs/haproxy.log");
        LocalProcessTarget target =
                LocalProcessTarget.builder()
                        .command(List.of(binary.toString(), "-db", "-f", config.toString()))
                        .directory(fleetDir)
                        .pidFile(fleetDir.resolve("haproxy.pid"))
                        .logFile(log)
                        .healthUrl(listen.resolve("/healthz"))
                        .startTimeout(Duration.ofSeconds(30))
                        .build();
        return new Child("HAProxy", target, listen, log);
    }

    static String config(URI listen, Path socket, List<FleetMember> members) {
        StringBuilder cfg =
                new StringBuilder(
                                "# Written by twops start --replicas at every start; edits are lost.\n")
                        .append("global\n")
                        .append("    stats socket ")
                        .append(socket)
                        .append(" mode 600 level admin\n")
                        .append("    stats timeout 30s\n")
                        .append("defaults\n")
                        .append("    mode http\n")
                        .append("    timeout connect 2s\n")
                        .append("    timeout client 60s\n")
                        .append("    timeout server 60s\n")
                        // A connection a server refused goes to another; a request it received is
                        // never sent twice (retry-on stays conn-failure).
                        .append("    retries 3\n")
                        .append("    option redispatch\n")
                        .append("frontend tensor-wasm\n")
                        .append("    bind ")
                        .append(listen.getHost())
                        .append(':')
                        .append(listen.getPort())
                        .append('\n')
                        .append("    default_backend ")
                        .append(BACKEND)
                        .append('\n')
                        .append("backend ")
                        .append(BACKEND)
                        .append('\n')
                        .append("    balance hdr(Authorization)\n")
                        .append("    hash-type consistent\n")
                        .append("    option httpchk GET /healthz\n")
                        .append("    http-check expect status 200\n")
                        .append("    default-server inter 1s fall 2 rise 2\n");
        for (FleetMember member : members) {
            cfg.append("    server ")
                    .append(member.server())
                    .append(' ')
                    .append(member.instance())
                    .append(" check\n");
        }
        return cfg.toString();
    }
}

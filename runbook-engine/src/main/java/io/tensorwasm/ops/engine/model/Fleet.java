package io.tensorwasm.ops.engine.model;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The runtime replicas a runbook's fleet steps address, read from a fleet file
 * (docs/RUNBOOK-FORMAT.md, "Fleets"): where tenants reach them through the load balancer, how its
 * runtime API is reached, and each member.
 *
 * @param name the fleet's name, for records and messages
 * @param url the load balancer's URL, where tenants call the fleet
 * @param balancer how the load balancer's runtime API is reached
 * @param members the members in rollout order: a canary is taken from the front
 */
public record Fleet(String name, URI url, Balancer balancer, List<FleetMember> members) {

    public Fleet {
        FleetMember.requireName(name, "fleet");
        FleetMember.requireUrl(url, "fleet " + name);
        Objects.requireNonNull(balancer, "balancer");
        members = List.copyOf(members);
        if (members.isEmpty()) {
            throw new IllegalArgumentException("fleet " + name + " has no members");
        }
        unique(members.stream().map(FleetMember::name).toList(), "member name");
        unique(members.stream().map(FleetMember::server).toList(), "load-balancer server");
        unique(members.stream().map(FleetMember::instance).toList(), "member URL (host:port)");
    }

    private static void unique(List<String> values, String what) {
        Set<String> seen = new HashSet<>();
        for (String value : values) {
            if (!seen.add(value)) {
                throw new IllegalArgumentException(
                        "\"" + value + "\": two members have the same " + what);
            }
        }
    }

    /** The member with a name. */
    public Optional<FleetMember> member(String name) {
        return members.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** The member Prometheus labels {@code instance="host:port"}, as an alert carries it. */
    public Optional<FleetMember> memberAt(String instance) {
        return members.stream().filter(m -> m.instance().equals(instance)).findFirst();
    }

    /**
     * The load balancer's runtime API: HAProxy's stats socket at {@code level admin}, a UNIX socket
     * (kept mode 0600) or a TCP address on loopback, and the backend the members serve in.
     *
     * @param socket the UNIX socket's path, or empty
     * @param address {@code host:port} of a TCP stats socket, or empty
     * @param backend the backend whose servers are the members
     */
    public record Balancer(String socket, String address, String backend) {
        public Balancer {
            socket = socket == null ? "" : socket;
            address = address == null ? "" : address;
            if (socket.isEmpty() == address.isEmpty()) {
                throw new IllegalArgumentException(
                        "the load balancer needs either a socket (a UNIX socket's path) or an"
                                + " address (host:port), not "
                                + (socket.isEmpty() ? "neither" : "both"));
            }
            if (!address.isEmpty() && !address.matches("[A-Za-z0-9.:\\[\\]-]+:[0-9]{1,5}")) {
                throw new IllegalArgumentException(
                        "\"" + address + "\": the load balancer's address is host:port");
            }
            if (backend == null || !backend.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                throw new IllegalArgumentException(
                        "\"" + backend + "\": the load balancer needs a backend name");
            }
        }
    }
}

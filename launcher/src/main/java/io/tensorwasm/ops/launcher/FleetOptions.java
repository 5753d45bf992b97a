package io.tensorwasm.ops.launcher;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code twops start --replicas N}: N runtime replicas behind HAProxy on one shared registry
 * database, so a fleet can be tried on one machine (a picocli mixin of {@code start}).
 */
final class FleetOptions {

    @Option(
            names = "--replicas",
            paramLabel = "N",
            defaultValue = "1",
            description =
                    "Runtime replicas to run (default: ${DEFAULT-VALUE}). From 2 on they run behind"
                            + " HAProxy on the runtime's port, share one registry database, and"
                            + " runbooks' fleet steps address them (data/fleet/fleet.yml).")
    int replicas;

    @Option(
            names = "--replica-ports",
            paramLabel = "PORT,...",
            split = ",",
            description =
                    "With --replicas: each replica's port (default: the runtime port + 1, + 2, ...).")
    List<Integer> ports;

    @Option(
            names = "--registry-port",
            paramLabel = "PORT",
            defaultValue = "9092",
            description =
                    "With --replicas: the port on 127.0.0.1 of the registry database the replicas"
                            + " share (default: ${DEFAULT-VALUE}).")
    int registryPort;

    /** True when the options ask for a fleet. */
    boolean fleet() {
        return replicas >= 2;
    }

    /**
     * Checks the options against {@code --no-runtime}.
     *
     * @throws IllegalStateException with one line when they do not go together
     */
    void check(boolean noRuntime) {
        if (replicas < 1) {
            throw new IllegalStateException(
                    "--replicas " + replicas + ": run at least one runtime, or give --no-runtime");
        }
        if (fleet() && noRuntime) {
            throw new IllegalStateException(
                    "--replicas starts runtime replicas and --no-runtime starts none; give one");
        }
    }

    /**
     * Each replica's port.
     *
     * @throws IllegalStateException with one line when there is not one for each
     */
    List<Integer> ports(int runtimePort) {
        if (ports != null && ports.size() != replicas) {
            throw new IllegalStateException(
                    "--replica-ports names "
                            + ports.size()
                            + " ports for "
                            + replicas
                            + " replicas; give one port for each");
        }
        if (ports != null) {
            return List.copyOf(ports);
        }
        List<Integer> defaults = new ArrayList<>();
        for (int i = 1; i <= replicas; i++) {
            defaults.add(runtimePort + i);
        }
        return defaults;
    }
}

package io.tensorwasm.ops.web.health;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The platform's health at one moment, said plainly.
 *
 * @param takenAt when the probes finished
 * @param runtime the runtime's {@code /healthz}
 * @param prometheus Prometheus's readiness, when configured
 * @param database the console's database
 */
public record HealthSnapshot(Instant takenAt, Part runtime, Part prometheus, Part database) {

    /** The parts in display order. */
    public List<Part> parts() {
        return List.of(runtime, prometheus, database);
    }

    static HealthSnapshot unknown(URI runtime, Optional<URI> prometheus) {
        return new HealthSnapshot(
                Instant.EPOCH,
                new Part("runtime", runtime.toString(), State.UNKNOWN),
                new Part(
                        "prometheus",
                        prometheus.map(URI::toString).orElse("not configured"),
                        prometheus.isEmpty() ? State.NOT_CONFIGURED : State.UNKNOWN),
                new Part("database", "console database", State.UNKNOWN));
    }

    /**
     * One probed part.
     *
     * @param name what it is
     * @param where its address
     * @param state what the probe found
     */
    public record Part(String name, String where, State state) {

        /** A sentence for the page: "runtime is reachable" or "runtime is not reachable". */
        public String sentence() {
            return switch (state) {
                case UP -> name + " is reachable";
                case DOWN -> name + " is not reachable";
                case NOT_CONFIGURED -> name + " is not configured";
                case UNKNOWN -> name + " has not been checked yet";
            };
        }

        /** The CSS class for its state. */
        public String css() {
            return state.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** What a probe found. */
    public enum State {
        UP,
        DOWN,
        NOT_CONFIGURED,
        UNKNOWN
    }
}

package io.tensorwasm.ops.launcher;

import io.tensorwasm.ops.engine.target.LocalProcessTarget;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A child process of {@code twops start}: the runtime, Prometheus or Alertmanager. Each is an
 * engine {@link LocalProcessTarget}, with a pid file and a log under the data directory, so they
 * share one lifecycle and a runbook's {@code target restart} restarts the runtime the same way.
 *
 * @param name what the start report calls it
 * @param target how it is started, checked and stopped
 * @param url where it answers
 * @param log where its output goes
 * @param after the child that must answer before this one starts, if any
 */
record Child(String name, LocalProcessTarget target, URI url, Path log, Optional<Child> after) {

    Child {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(after, "after");
    }

    /** A child that starts at once. */
    Child(String name, LocalProcessTarget target, URI url, Path log) {
        this(name, target, url, log, Optional.empty());
    }

    /**
     * The same child, started once the other answers: Prometheus after the runtime it scrapes, so
     * its first scrapes do not fail and the test profile's 2-second hold does not fire {@code
     * TensorWasmRuntimeDown} at every start.
     */
    Child after(Child other) {
        return new Child(name, target, url, log, Optional.of(other));
    }
}

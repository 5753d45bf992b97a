package io.tensorwasm.ops.launcher;

import io.tensorwasm.ops.engine.target.LocalProcessTarget;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

    /**
     * Prometheus or Alertmanager: the two share their command line's shape ({@code --config.file},
     * {@code --web.listen-address}, {@code --web.external-url}), a home under the data directory, a
     * pid file, a log under {@code logs/} and readiness at {@code /-/ready}.
     *
     * @param name what the start report calls it; its lower case names the pid file and the log
     * @param flags the flags only this server takes
     */
    static Child prometheusFamily(
            String name, Path binary, URI listen, Path data, Path config, List<String> flags) {
        String file = name.toLowerCase(Locale.ROOT);
        Path log = data.resolve("logs").resolve(file + ".log");
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.add("--config.file=" + config);
        command.add("--web.listen-address=" + listen.getHost() + ":" + listen.getPort());
        command.add("--web.external-url=" + listen);
        command.addAll(flags);
        command.add("--log.level=warn");
        LocalProcessTarget target =
                LocalProcessTarget.builder()
                        .command(command)
                        .directory(config.getParent())
                        .pidFile(data.resolve(file + ".pid"))
                        .logFile(log)
                        .healthUrl(listen.resolve("/-/ready"))
                        .startTimeout(Duration.ofSeconds(60))
                        .build();
        return new Child(name, target, listen, log);
    }
}

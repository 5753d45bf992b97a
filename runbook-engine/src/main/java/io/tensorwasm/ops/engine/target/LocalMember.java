package io.tensorwasm.ops.engine.target;

import io.tensorwasm.ops.engine.model.Action;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A fleet member that is a local process, laid out in a directory the way a host lays out a systemd
 * service and its releases (seed 002, section 5.1):
 *
 * <pre>
 * DIR/run                          the start command, a shell script run by /bin/sh (so it needs no
 *                                  execute bit in a data directory kept 0600), as a unit's ExecStart
 * DIR/runtime.pid, DIR/runtime.log the running process and its output
 * DIR/releases/VERSION/tensor-wasm.jar   each installed release
 * DIR/current  -> releases/VERSION       the release {@code run} starts
 * DIR/previous -> releases/VERSION       the release before the last upgrade
 * </pre>
 *
 * Start, stop, restart, status, logs and threads are a {@link LocalProcessTarget} over {@code run};
 * the typed upgrade ({@code release upgrade VERSION}, {@code target upgrade VERSION}) stops it,
 * swaps {@code current} to the new release through {@link Releases} (a rename over the link, so it
 * is never missing) and starts it; rollback swaps {@code current} and {@code previous} back.
 * Whoever drives the member, the console that started it or {@code twops runbook run} on the same
 * host, finds it by the directory alone.
 */
public final class LocalMember implements TargetAdapter {

    /** The start command's file name. */
    public static final String RUN = "run";

    /** The release jar's file name inside a release directory. */
    public static final String JAR = "tensor-wasm.jar";

    private final Path directory;
    private final Releases releases;
    private final LocalProcessTarget process;

    /** The member in a directory, ready when {@code url/healthz} answers 200. */
    public LocalMember(Path directory, URI url) {
        this.directory = directory.toAbsolutePath();
        this.releases = releases(this.directory);
        this.process =
                LocalProcessTarget.builder()
                        .command(List.of("/bin/sh", this.directory.resolve(RUN).toString()))
                        .directory(this.directory)
                        .pidFile(pidFile(this.directory))
                        .logFile(this.directory.resolve("runtime.log"))
                        .healthUrl(URI.create(url.toString().replaceAll("/+$", "") + "/healthz"))
                        .startTimeout(Duration.ofSeconds(90))
                        .build();
    }

    /** Where a member's directory keeps its pid. */
    public static Path pidFile(Path directory) {
        return directory.resolve("runtime.pid");
    }

    /**
     * A member's releases: {@code DIR/releases/VERSION/tensor-wasm.jar}, the links {@code
     * DIR/current} and {@code DIR/previous}; {@link Releases#link} installs the first one.
     */
    public static Releases releases(Path directory) {
        return new Releases(directory, directory.resolve("releases"), Path.of(JAR));
    }

    /** The process that {@code run} starts. */
    public LocalProcessTarget process() {
        return process;
    }

    /** The release {@code current} points at, if any. */
    public Optional<String> currentRelease() {
        return releases.release(Releases.CURRENT);
    }

    @Override
    public CommandResult perform(Action.Operation operation, String argument) {
        return switch (operation) {
            case UPGRADE -> upgrade(argument);
            case ROLLBACK -> rollback();
            case VERSION ->
                    currentRelease()
                            .map(release -> new CommandResult(0, release))
                            .orElseGet(
                                    () ->
                                            new CommandResult(
                                                    1,
                                                    directory.resolve(Releases.CURRENT)
                                                            + " names no release"));
            default -> process.perform(operation, argument);
        };
    }

    @Override
    public Optional<String> manual(Action.Operation operation) {
        return switch (operation) {
            case UPGRADE, ROLLBACK, VERSION -> Optional.empty();
            case DRAIN, READY ->
                    Optional.of(
                            "a fleet member leaves and rejoins its load balancer with the lb steps"
                                    + " (lb drain, lb ready)");
            default -> process.manual(operation);
        };
    }

    private CommandResult upgrade(String version) {
        if (!Releases.validName(version)) {
            return new CommandResult(2, "\"" + version + "\": not a release version");
        }
        Path jar = releases.program(version);
        if (!Files.isRegularFile(jar)) {
            return new CommandResult(
                    1, "no release " + version + " here: " + jar + " is missing; install it first");
        }
        Optional<String> from = currentRelease();
        if (from.isPresent() && from.get().equals(version) && process.running().isPresent()) {
            return new CommandResult(0, "already runs " + version + "; nothing to do");
        }
        return releases.swap(
                process,
                version,
                from,
                "upgraded" + from.map(f -> " from " + f).orElse("") + " to " + version);
    }

    private CommandResult rollback() {
        Optional<String> previous = releases.release(Releases.PREVIOUS);
        if (previous.isEmpty()) {
            return new CommandResult(
                    1,
                    directory.resolve(Releases.PREVIOUS)
                            + " names no release: nothing to roll back to");
        }
        Optional<String> from = currentRelease();
        return releases.swap(
                process,
                previous.get(),
                from,
                "rolled back" + from.map(f -> " from " + f).orElse("") + " to " + previous.get());
    }

    @Override
    public String describe() {
        return "local member " + directory + currentRelease().map(r -> " on " + r).orElse("");
    }
}

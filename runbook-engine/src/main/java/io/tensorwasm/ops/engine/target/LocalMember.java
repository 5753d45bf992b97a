package io.tensorwasm.ops.engine.target;

import io.tensorwasm.ops.engine.model.Action;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 * Start, stop, restart, status and logs are a {@link LocalProcessTarget} over {@code run}; {@code
 * release upgrade VERSION} stops it, swaps {@code current} to the new release (a rename over the
 * link, so it is never missing) and starts it; {@code release rollback} swaps {@code current} and
 * {@code previous} back. Whoever drives the member, the console that started it or {@code twops
 * runbook run} on the same host, finds it by the directory alone.
 */
public final class LocalMember implements TargetAdapter, Releases {

    /** The start command's file name. */
    public static final String RUN = "run";

    /** The release jar's file name inside a release directory. */
    public static final String JAR = "tensor-wasm.jar";

    private final Path directory;
    private final LocalProcessTarget process;

    /** The member in a directory, ready when {@code url/healthz} answers 200. */
    public LocalMember(Path directory, URI url) {
        this.directory = directory.toAbsolutePath();
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

    /** Where a member's directory keeps a release. */
    public static Path release(Path directory, String version) {
        return directory.resolve("releases").resolve(version);
    }

    /** The link to the release {@code run} starts. */
    public static Path current(Path directory) {
        return directory.resolve("current");
    }

    /**
     * Points a member's {@code current} link at an installed release, replacing the link in one
     * rename; used to install the first release and by upgrades.
     */
    public static void link(Path directory, String name, String version) throws IOException {
        Path link = directory.resolve(name);
        Path temporary = directory.resolve("." + name + ".new");
        Files.deleteIfExists(temporary);
        Files.createSymbolicLink(temporary, Path.of("releases", version));
        Files.move(
                temporary,
                link,
                StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** The process that {@code run} starts. */
    public LocalProcessTarget process() {
        return process;
    }

    /** The release {@code current} points at, if any. */
    public Optional<String> currentRelease() {
        return linked("current");
    }

    private Optional<String> linked(String name) {
        Path link = directory.resolve(name);
        if (!Files.isSymbolicLink(link)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readSymbolicLink(link).getFileName().toString());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public CommandResult perform(Action.Operation operation) {
        return process.perform(operation);
    }

    @Override
    public CommandResult upgrade(String version) {
        if (!version.matches("[A-Za-z0-9][A-Za-z0-9._+-]*")) {
            return new CommandResult(2, "\"" + version + "\": not a release version");
        }
        Path jar = release(directory, version).resolve(JAR);
        if (!Files.isRegularFile(jar)) {
            return new CommandResult(
                    1, "no release " + version + " here: " + jar + " is missing; install it first");
        }
        Optional<String> from = currentRelease();
        if (from.isPresent() && from.get().equals(version) && process.running().isPresent()) {
            return new CommandResult(0, "already runs " + version + "; nothing to do");
        }
        return swap(version, from.orElse(""), "upgraded");
    }

    @Override
    public CommandResult rollback() {
        Optional<String> previous = linked("previous");
        if (previous.isEmpty()) {
            return new CommandResult(
                    1,
                    directory.resolve("previous") + " names no release: nothing to roll back to");
        }
        return swap(previous.get(), currentRelease().orElse(""), "rolled back");
    }

    /** Stops the process, points current at {@code to} and previous at {@code from}, starts it. */
    private CommandResult swap(String to, String from, String what) {
        CommandResult stopped = process.perform(Action.Operation.STOP);
        if (!stopped.ok()) {
            return stopped;
        }
        try {
            if (!from.isEmpty()) {
                link(directory, "previous", from);
            }
            link(directory, "current", to);
        } catch (IOException e) {
            return new CommandResult(
                    1,
                    stopped.output() + "; cannot switch to release " + to + ": " + e.getMessage());
        }
        CommandResult started = process.perform(Action.Operation.START);
        String switched =
                what
                        + (from.isEmpty() ? "" : " from " + from)
                        + " to "
                        + to
                        + " ("
                        + directory
                        + ")";
        return new CommandResult(
                started.exitCode(), stopped.output() + "; " + switched + "; " + started.output());
    }

    @Override
    public String describe() {
        return "local member " + directory + currentRelease().map(r -> " on " + r).orElse("");
    }
}

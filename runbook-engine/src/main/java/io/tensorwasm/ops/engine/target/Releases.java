package io.tensorwasm.ops.engine.target;

import io.tensorwasm.ops.engine.model.Action;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Installed releases and the links that choose one: one folder per release, the symlink {@code
 * current} to the running one and {@code previous} to the one before it. Swapping a link is atomic
 * (a new link renamed over the old), so a start never sees half a swap. Two layouts use it: the
 * seed runbooks' hosts ({@link LocalProcessTarget}, links beside the releases) and a fleet's local
 * members ({@link LocalMember#releases}, links in the member's directory):
 *
 * <pre>
 * releases/v0.1.0/bin/tensor-wasm              DIR/releases/v1/tensor-wasm.jar
 * releases/v0.2.0/bin/tensor-wasm              DIR/releases/v2/tensor-wasm.jar
 * releases/current -> v0.2.0                   DIR/current -> releases/v2
 * releases/previous -> v0.1.0                  DIR/previous -> releases/v1
 * </pre>
 */
public final class Releases {

    /** The link to the running release. */
    public static final String CURRENT = "current";

    /** The link to the release before the last upgrade. */
    public static final String PREVIOUS = "previous";

    private final Path links;
    private final Path folder;
    private final Path program;

    /** The hosts' layout: links in the folder, each release's program {@code bin/tensor-wasm}. */
    Releases(Path folder) {
        this(folder, folder, Path.of("bin", "tensor-wasm"));
    }

    /**
     * @param links the directory that holds {@code current} and {@code previous}
     * @param folder the directory that holds one directory per release
     * @param program a release's program, relative to its directory
     */
    Releases(Path links, Path folder, Path program) {
        this.links = links.toAbsolutePath();
        this.folder = folder.toAbsolutePath();
        this.program = program;
    }

    /** A release's directory, {@code FOLDER/VERSION}. */
    public Path directory(String release) {
        return folder.resolve(release);
    }

    /** The release's program, {@code FOLDER/VERSION/bin/tensor-wasm}. */
    Path program(String release) {
        return directory(release).resolve(program);
    }

    /** The program of the running release, through the {@code current} link. */
    Path currentProgram() {
        return links.resolve(CURRENT).resolve(program);
    }

    /** True when a release's name is one word, not a path. */
    static boolean validName(String release) {
        return release.matches("[A-Za-z0-9][A-Za-z0-9._+-]*");
    }

    /** The release a link names ({@code v0.2.0}), or empty when there is no such link. */
    public Optional<String> release(String link) {
        Path path = links.resolve(link);
        if (!Files.isSymbolicLink(path)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readSymbolicLink(path).getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": cannot read the link", e);
        }
    }

    /** True when the release is installed: its program exists and can run. */
    boolean installed(String release) {
        return validName(release) && Files.isExecutable(program(release));
    }

    /** Points a link at a release, atomically. */
    public void link(String link, String release) {
        Path path = links.resolve(link);
        Path next = links.resolve("." + link + ".next");
        try {
            Files.deleteIfExists(next);
            Files.createSymbolicLink(next, links.relativize(directory(release)));
            Files.move(
                    next,
                    path,
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": cannot point it at " + release, e);
        }
    }

    /**
     * Stops the process, points {@code previous} at {@code from} (when given) and {@code current}
     * at {@code to}, and starts it again.
     *
     * @param what the first words of the result, {@code upgraded from v1 to v2}
     */
    CommandResult swap(TargetAdapter process, String to, Optional<String> from, String what) {
        CommandResult stopped = process.perform(Action.Operation.STOP);
        if (!stopped.ok()) {
            return stopped;
        }
        try {
            from.ifPresent(release -> link(PREVIOUS, release));
            link(CURRENT, to);
        } catch (UncheckedIOException e) {
            return new CommandResult(
                    1, what + "; " + stopped.output() + "; cannot switch: " + e.getMessage());
        }
        CommandResult started = process.perform(Action.Operation.START);
        return new CommandResult(
                started.exitCode(), what + "; " + stopped.output() + "; " + started.output());
    }

    @Override
    public String toString() {
        return links.toString();
    }
}

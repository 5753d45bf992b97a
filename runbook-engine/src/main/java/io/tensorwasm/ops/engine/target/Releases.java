package io.tensorwasm.ops.engine.target;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * A folder of installed releases, the layout of the seed runbooks' hosts: one folder per release
 * ({@code v0.2.0/bin/tensor-wasm}), the symlink {@code current} to the running one and {@code
 * previous} to the one before it. Swapping a link is atomic (a new link renamed over the old), so a
 * start never sees half a swap.
 *
 * <pre>
 * releases/v0.1.0/bin/tensor-wasm
 * releases/v0.2.0/bin/tensor-wasm
 * releases/current -> v0.2.0
 * releases/previous -> v0.1.0
 * </pre>
 */
final class Releases {

    static final String CURRENT = "current";
    static final String PREVIOUS = "previous";

    private final Path folder;

    Releases(Path folder) {
        this.folder = folder.toAbsolutePath();
    }

    /** The release's program, {@code FOLDER/VERSION/bin/tensor-wasm}. */
    Path program(String release) {
        return folder.resolve(release).resolve("bin").resolve("tensor-wasm");
    }

    /** The program of the running release. */
    Path currentProgram() {
        return program(CURRENT);
    }

    /** The release a link names ({@code v0.2.0}), or empty when there is no such link. */
    Optional<String> release(String link) {
        Path path = folder.resolve(link);
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
        return !release.contains("/")
                && !release.startsWith(".")
                && Files.isExecutable(program(release));
    }

    /** Points a link at a release, atomically. */
    void link(String link, String release) {
        Path path = folder.resolve(link);
        Path next = folder.resolve("." + link + ".next");
        try {
            Files.deleteIfExists(next);
            Files.createSymbolicLink(next, Path.of(release));
            Files.move(
                    next,
                    path,
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": cannot point it at " + release, e);
        }
    }

    @Override
    public String toString() {
        return folder.toString();
    }
}

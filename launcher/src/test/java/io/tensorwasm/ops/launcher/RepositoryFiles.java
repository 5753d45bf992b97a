package io.tensorwasm.ops.launcher;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository, found from the module directory that tests run in. */
public final class RepositoryFiles {

    private RepositoryFiles() {}

    /** The path of a file or folder relative to the repository root, such as {@code deploy/}. */
    public static Path path(String relative) {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.exists(d.resolve(relative))) {
                return d.resolve(relative);
            }
        }
        throw new IllegalStateException(
                relative + ": not found above " + Path.of("").toAbsolutePath());
    }
}

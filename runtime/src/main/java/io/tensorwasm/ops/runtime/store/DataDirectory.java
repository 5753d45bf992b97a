package io.tensorwasm.ops.runtime.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a runtime's data directory private: the directory and every directory in it mode 0700,
 * every file 0600 (issue #16: the registry and the audit log were 0644). The runtime calls it at
 * every start, so modes someone loosened are put back, and each change is logged.
 *
 * <pre>{@code
 * DataDirectory.secure(Path.of("data/runtime"));
 * }</pre>
 */
public final class DataDirectory {

    private static final Logger logger = LoggerFactory.getLogger(DataDirectory.class);

    /** Mode 0700. */
    public static final Set<PosixFilePermission> DIRECTORY =
            PosixFilePermissions.fromString("rwx------");

    /** Mode 0600. */
    public static final Set<PosixFilePermission> FILE =
            PosixFilePermissions.fromString("rw-------");

    private DataDirectory() {}

    /**
     * Creates the directory if it is missing, then sets the modes of it and of everything in it;
     * symbolic links are left alone. On a file system without POSIX modes it logs and does nothing.
     */
    public static void secure(Path dir) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            logger.warn("{}: the file system has no POSIX modes; not restricting them", dir);
            return;
        }
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
            }
            List<Path> paths;
            try (Stream<Path> walk = Files.walk(dir)) {
                paths = walk.toList();
            }
            for (Path p : paths) {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    restrict(p, DIRECTORY);
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    restrict(p, FILE);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    dir + ": cannot make the data directory private: " + e.getMessage(), e);
        }
    }

    /** Sets the file's mode when it differs, and says so. */
    public static void restrict(Path file, Set<PosixFilePermission> mode) throws IOException {
        Set<PosixFilePermission> was =
                Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
        if (!was.equals(mode)) {
            Files.setPosixFilePermissions(file, mode);
            logger.info(
                    "{}: mode {} set to {}",
                    file,
                    PosixFilePermissions.toString(was),
                    PosixFilePermissions.toString(mode));
        }
    }
}

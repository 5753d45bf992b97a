package io.tensorwasm.ops.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Files and folders under the data directory that only their owner can read (0600, 0700). */
final class PrivateFiles {

    private static final Set<PosixFilePermission> FILE =
            PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIRECTORY =
            PosixFilePermissions.fromString("rwx------");

    private PrivateFiles() {}

    /** Creates the folder (mode 0700) if it is missing, and its parents as usual. */
    static Path directory(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir.toAbsolutePath().getParent());
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    /** Writes the text to the file (mode 0600), replacing what it held. */
    static Path write(Path file, String text) {
        try {
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
            }
            Files.setPosixFilePermissions(file, FILE);
            return Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}

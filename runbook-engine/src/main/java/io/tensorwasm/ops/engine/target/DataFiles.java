package io.tensorwasm.ops.engine.target;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Files an adapter writes hold configuration, tokens among it: owner-only (issue #16). */
final class DataFiles {

    private DataFiles() {}

    /** Sets mode 0600 where the file system has POSIX permissions. */
    static void ownerOnly(Path file) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }
}

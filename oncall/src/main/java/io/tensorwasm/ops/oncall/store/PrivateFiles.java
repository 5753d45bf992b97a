package io.tensorwasm.ops.oncall.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The data directory belongs to its owner alone: the folder and every folder in it 0700, every file
 * 0600, put right again at every start (files that H2, logs or an older version created with the
 * process's umask included), and secrets written as owner-only files from their first byte.
 *
 * <pre>{@code
 * PrivateFiles.secure(dataDir);                           // at start, and again once all is up
 * String token = PrivateFiles.token(dataDir.resolve("runtime-admin-token"));
 * }</pre>
 */
public final class PrivateFiles {

    static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private static final SecureRandom RANDOM = new SecureRandom();

    private PrivateFiles() {}

    /**
     * Creates the folder if needed and leaves it, and everything in it, to its owner; returns how
     * many modes it had to change. Links are not followed.
     */
    public static int secure(Path folder) {
        try {
            Files.createDirectories(folder);
            int[] changed = {0};
            Files.walkFileTree(
                    folder,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(
                                Path dir, BasicFileAttributes attributes) throws IOException {
                            changed[0] += set(dir, FOLDER);
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                                throws IOException {
                            if (attributes.isRegularFile()) {
                                changed[0] += set(file, FILE);
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            // Deleted while we walked (an H2 temporary file): nothing to guard.
                            return FileVisitResult.CONTINUE;
                        }
                    });
            return changed[0];
        } catch (IOException e) {
            throw new UncheckedIOException(folder + ": cannot make it private to its owner", e);
        }
    }

    private static int set(Path path, Set<PosixFilePermission> mode) throws IOException {
        if (Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS).equals(mode)) {
            return 0;
        }
        Files.setPosixFilePermissions(path, mode);
        return 1;
    }

    /** Creates the folder (mode 0700, from its first moment) if it is missing, and its parents. */
    public static Path directory(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir.toAbsolutePath().getParent());
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(FOLDER));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    /** Writes the text to the file (mode 0600 from its first byte), replacing what it held. */
    public static Path write(Path file, String text) {
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

    /**
     * Writes a secret to a file only the owner can read, unless it already holds it. The secret
     * itself is never logged.
     */
    public static void writeSecret(Path file, String secret) {
        try {
            if (Files.isRegularFile(file)
                    && Files.readString(file, StandardCharsets.UTF_8).strip().equals(secret)) {
                return;
            }
            Files.deleteIfExists(file);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
            Files.writeString(
                    file,
                    secret + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The token in the file, generated (mode 0600) when the file does not exist yet. */
    public static String token(Path file) {
        try {
            if (Files.exists(file)) {
                String token = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (token.isEmpty()) {
                    throw new IllegalStateException(
                            file + " is empty; delete it to get a new token");
                }
                return token;
            }
            String token = random();
            writeSecret(file, token);
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The token in the file, or empty when there is no such file. */
    public static String existingToken(Path file) {
        return Files.isRegularFile(file) ? token(file) : "";
    }

    /** 32 random bytes as URL-safe Base64: a new token. */
    public static String random() {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}

package io.tensorwasm.ops.runtime.store;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A backup of a runtime's data directory, taken while it serves: the H2 registry copied by H2's
 * online {@code BACKUP TO}, which writes a consistent snapshot while callers keep deploying, the
 * audit key (so {@code token_id}s stay comparable) and a manifest, as one zip. A PostgreSQL
 * registry is backed up with {@code pg_dump} instead; {@link #supported()} says which.
 *
 * <pre>{@code
 * RegistryBackup.Manifest m = backup.writeTo(Path.of("backup.zip"), "v0.1.0");
 * RegistryBackup.restore(Path.of("backup.zip"), Path.of("/var/lib/tensor-wasm"));
 * }</pre>
 */
public final class RegistryBackup {

    /** The manifest entry: format, time, version, function count. */
    public static final String MANIFEST = "backup.json";

    /** The registry entry, the H2 file as the runtime opens it. */
    public static final String REGISTRY = "registry.mv.db";

    /** The audit key entry. */
    public static final String AUDIT_KEY = "audit-key";

    private static final int FORMAT = 1;
    private static final List<String> ENTRIES = List.of(MANIFEST, REGISTRY, AUDIT_KEY);

    private final Database database;
    private final Path dataDir;

    /** Backups of the registry in the database, with the audit key from the data directory. */
    public RegistryBackup(Database database, Path dataDir) {
        this.database = database;
        this.dataDir = dataDir;
    }

    /**
     * What a backup holds.
     *
     * @param createdAt when it was taken
     * @param version the runtime version that took it
     * @param functions how many functions the registry held
     */
    public record Manifest(Instant createdAt, String version, long functions) {

        String json() {
            return new JsonObject()
                    .put("format", FORMAT)
                    .put("created_at", createdAt.toString())
                    .put("version", version)
                    .put("functions", functions)
                    .encode();
        }

        static Manifest parse(String json, Path zip) {
            try {
                JsonObject o = new JsonObject(json);
                if (o.getInteger("format", 0) != FORMAT) {
                    throw new BackupException(
                            zip
                                    + ": backup format "
                                    + o.getValue("format")
                                    + "; this runtime reads 1");
                }
                return new Manifest(
                        Instant.parse(o.getString("created_at", "")),
                        o.getString("version", "unknown"),
                        o.getLong("functions", -1L));
            } catch (DecodeException | ClassCastException | DateTimeParseException e) {
                throw new BackupException(zip + ": " + MANIFEST + " is not a backup manifest", e);
            }
        }
    }

    /** True when the registry is H2, which this class copies; PostgreSQL needs pg_dump. */
    public boolean supported() {
        return database.h2();
    }

    /** Writes a consistent backup to the zip file; blocking, so never on the event loop. */
    public Manifest writeTo(Path zip, String version) {
        if (!supported()) {
            throw new BackupException(
                    "the registry is in PostgreSQL: back it up with pg_dump, not tensor-wasm backup");
        }
        Path h2Copy = null;
        try {
            h2Copy = Files.createTempFile("tensor-wasm-h2-", ".zip");
            Files.delete(h2Copy);
            Manifest manifest = new Manifest(Instant.now(), version, h2Backup(h2Copy));
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
                out.putNextEntry(new ZipEntry(MANIFEST));
                out.write(manifest.json().getBytes(StandardCharsets.UTF_8));
                out.putNextEntry(new ZipEntry(REGISTRY));
                copyRegistry(h2Copy, out);
                Path key = dataDir.resolve(AUDIT_KEY);
                if (Files.isRegularFile(key)) {
                    out.putNextEntry(new ZipEntry(AUDIT_KEY));
                    Files.copy(key, out);
                }
                out.closeEntry();
            }
            return manifest;
        } catch (IOException e) {
            throw new BackupException("cannot write the backup " + zip + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(h2Copy);
        }
    }

    /**
     * Restores a backup into a data directory that is missing or empty; a directory with anything
     * in it is refused, so a restore never mixes two registries. The files are unpacked beside it
     * and moved in at the end, so a broken backup leaves nothing behind.
     */
    public static Manifest restore(Path zip, Path dataDir) {
        requireEmpty(dataDir);
        Path target = dataDir.toAbsolutePath();
        Path unpacked = target.resolveSibling(target.getFileName() + ".restoring");
        try {
            Manifest manifest = unpack(zip, unpacked);
            Files.deleteIfExists(target);
            Files.move(unpacked, target);
            DataDirectory.secure(target);
            return manifest;
        } catch (IOException e) {
            throw new BackupException("cannot restore into " + dataDir + ": " + e.getMessage(), e);
        } finally {
            deleteTree(unpacked);
        }
    }

    /** The manifest of a backup file, read without unpacking the registry. */
    public static Manifest manifest(Path zip) {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().equals(MANIFEST)) {
                    return Manifest.parse(
                            new String(in.readAllBytes(), StandardCharsets.UTF_8), zip);
                }
            }
        } catch (IOException e) {
            throw new BackupException(zip + ": cannot read the backup: " + e.getMessage(), e);
        }
        throw new BackupException(zip + ": not a tensor-wasm backup; it has no " + MANIFEST);
    }

    private static Manifest unpack(Path zip, Path dir) throws IOException {
        deleteTree(dir);
        Files.createDirectories(dir);
        Manifest manifest = null;
        boolean registry = false;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                switch (e.getName()) {
                    case MANIFEST ->
                            manifest =
                                    Manifest.parse(
                                            new String(in.readAllBytes(), StandardCharsets.UTF_8),
                                            zip);
                    case REGISTRY -> {
                        Files.copy(in, dir.resolve(REGISTRY));
                        registry = true;
                    }
                    case AUDIT_KEY -> {
                        try (OutputStream key =
                                Files.newOutputStream(privateFile(dir.resolve(AUDIT_KEY)))) {
                            in.transferTo(key);
                        }
                    }
                    default ->
                            throw new BackupException(
                                    zip
                                            + ": unexpected entry \""
                                            + e.getName()
                                            + "\"; a backup holds "
                                            + String.join(", ", ENTRIES));
                }
            }
        }
        if (manifest == null || !registry) {
            throw new BackupException(
                    zip + ": not a tensor-wasm backup; it needs " + MANIFEST + " and " + REGISTRY);
        }
        return manifest;
    }

    private long h2Backup(Path target) {
        try (Connection c = database.dataSource().getConnection();
                Statement s = c.createStatement()) {
            long functions;
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM runtime_functions")) {
                rs.next();
                functions = rs.getLong(1);
            }
            s.execute("BACKUP TO '" + target.toString().replace("'", "''") + "'");
            return functions;
        } catch (SQLException e) {
            throw new BackupException("H2 could not back up the registry: " + e.getMessage(), e);
        }
    }

    private static void copyRegistry(Path h2Copy, OutputStream out) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(h2Copy))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().endsWith(".mv.db")) {
                    in.transferTo(out);
                    return;
                }
            }
        }
        throw new BackupException("H2's backup " + h2Copy + " holds no .mv.db file");
    }

    private static Path privateFile(Path file) throws IOException {
        return Files.createFile(
                file,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }

    private static void requireEmpty(Path dataDir) {
        if (!Files.isDirectory(dataDir)) {
            if (Files.exists(dataDir)) {
                throw new BackupException(dataDir + ": exists and is not a directory");
            }
            return;
        }
        try (Stream<Path> files = Files.list(dataDir)) {
            if (files.findAny().isPresent()) {
                throw new BackupException(
                        dataDir
                                + ": not empty; restore writes only into an empty or missing data"
                                + " directory (move the old one aside first)");
            }
        } catch (IOException e) {
            throw new BackupException(dataDir + ": cannot list: " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new BackupException("cannot delete " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A temporary copy left in the temp directory is harmless.
        }
    }
}

package io.tensorwasm.ops.runtime.api;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * Token ids for audit records: a SipHash-2-4 of the token under a key kept in the data directory
 * (mode 0600), so ids stay stable across restarts and cannot be reversed without the key.
 */
final class TokenIds {

    static final String KEY_FILE = "audit-key";

    private final HashFunction hash;

    private TokenIds(HashFunction hash) {
        this.hash = hash;
    }

    /** Reads the key under the data directory, creating it on first start. */
    static TokenIds load(Path dataDir) {
        Path file = dataDir.resolve(KEY_FILE);
        try {
            Files.createDirectories(dataDir);
            if (!Files.exists(file)) {
                byte[] key = new byte[16];
                new SecureRandom().nextBytes(key);
                try {
                    Files.createFile(
                            file,
                            PosixFilePermissions.asFileAttribute(
                                    PosixFilePermissions.fromString("rw-------")));
                    Files.write(file, key);
                } catch (FileAlreadyExistsException ignored) {
                    // Another server on the same directory made it first; read theirs.
                }
            }
            byte[] key = Files.readAllBytes(file);
            if (key.length != 16) {
                throw new IllegalStateException(
                        file + ": " + key.length + " bytes; the audit key must be 16 bytes");
            }
            ByteBuffer buffer = ByteBuffer.wrap(key);
            return new TokenIds(Hashing.sipHash24(buffer.getLong(), buffer.getLong()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the audit key " + file, e);
        }
    }

    /** The token's id: 16 hex digits. */
    String of(String token) {
        return hash.hashString(token, StandardCharsets.UTF_8).toString();
    }
}

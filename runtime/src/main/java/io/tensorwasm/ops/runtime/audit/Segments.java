package io.tensorwasm.ops.runtime.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names and the chain header of audit segments. The open segment is the configured file ({@code
 * audit.log}); a closed one is that name with its number ({@code audit.log.000007}). Each segment's
 * first line is its header, {@code {"segment":7,"opened":"...","previous_sha256":"..."}}, where
 * {@code previous_sha256} is the SHA-256 of every byte of segment 6 (64 zeros for segment 1), so a
 * segment removed or edited after its successor began breaks the chain.
 */
final class Segments {

    /** The digest before the first segment. */
    static final String GENESIS = "0".repeat(64);

    private static final Pattern HEADER =
            Pattern.compile(
                    "\\{\"segment\":([0-9]+),\"opened\":\"([^\"]+)\",\"previous_sha256\":\"([0-9a-f]{64})\"}");

    private Segments() {}

    /** A segment's header line. */
    record Header(long segment, String opened, String previousSha256) {
        String line() {
            return "{\"segment\":"
                    + segment
                    + ",\"opened\":\""
                    + opened
                    + "\",\"previous_sha256\":\""
                    + previousSha256
                    + "\"}";
        }
    }

    /** The closed segment's file beside the open one. */
    static Path closed(Path open, long segment) {
        return open.resolveSibling(open.getFileName() + "." + String.format("%06d", segment));
    }

    /** The number of a closed segment's file of this log, if the name is one. */
    static Optional<Long> number(Path open, Path file) {
        String prefix = open.getFileName() + ".";
        String name = file.getFileName().toString();
        if (!name.startsWith(prefix) || !name.substring(prefix.length()).matches("[0-9]{6,}")) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(name.substring(prefix.length())));
    }

    /** The header of a segment file, or empty when its first line is none. */
    static Optional<Header> header(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(512);
            String text = new String(head, StandardCharsets.UTF_8);
            int end = text.indexOf('\n');
            Matcher m = HEADER.matcher(end < 0 ? text : text.substring(0, end));
            if (!m.matches()) {
                return Optional.empty();
            }
            return Optional.of(new Header(Long.parseLong(m.group(1)), m.group(2), m.group(3)));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read", e);
        }
    }

    /** The SHA-256 of every byte of a file, in hex. */
    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}

package io.tensorwasm.ops.oncall.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How the console keeps a secret it only compares (console tokens, the Alertmanager webhook token):
 * its SHA-256, compared in constant time, never the secret itself.
 */
public final class TokenHash {

    private TokenHash() {}

    /** The SHA-256 of the secret, in lower-case hex. */
    public static String of(String secret) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** True when the presented secret hashes to the stored hash; takes the same time either way. */
    public static boolean matches(String presented, String storedHash) {
        return MessageDigest.isEqual(
                of(presented).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}

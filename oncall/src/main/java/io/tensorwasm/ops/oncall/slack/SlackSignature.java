package io.tensorwasm.ops.oncall.slack;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slack's request signature, version {@code v0}: {@code X-Slack-Signature} is {@code v0=} and the
 * hex HMAC-SHA256, keyed with the app's signing secret, of {@code v0:}, the {@code
 * X-Slack-Request-Timestamp}, {@code :} and the raw body. A timestamp more than five minutes from
 * now is refused, so a recorded request cannot be replayed later.
 */
public final class SlackSignature {

    /** How far a request's timestamp may be from now. */
    public static final Duration WINDOW = Duration.ofMinutes(5);

    private final byte[] secret;

    /** A verifier with the app's signing secret. */
    public SlackSignature(String signingSecret) {
        if (signingSecret == null || signingSecret.isBlank()) {
            throw new IllegalArgumentException("the Slack signing secret is empty");
        }
        this.secret = signingSecret.strip().getBytes(StandardCharsets.UTF_8);
    }

    /** What a check found. */
    public enum Check {
        VALID("signed"),
        MISSING("no signature or timestamp"),
        STALE("timestamp more than 5 minutes from now: refused as a replay"),
        MISMATCH("signature does not match the body");

        private final String reason;

        Check(String reason) {
            this.reason = reason;
        }

        /** In words, for the audit. */
        public String reason() {
            return reason;
        }
    }

    /** Checks a request's headers against its raw body at a given time. */
    public Check check(String timestamp, String signature, byte[] body, Instant now) {
        if (timestamp == null || signature == null) {
            return Check.MISSING;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException ignored) {
            return Check.MISSING;
        }
        if (Math.abs(now.getEpochSecond() - seconds) > WINDOW.toSeconds()) {
            return Check.STALE;
        }
        byte[] expected = sign(timestamp.strip(), body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(
                        expected, signature.strip().getBytes(StandardCharsets.US_ASCII))
                ? Check.VALID
                : Check.MISMATCH;
    }

    /** The {@code X-Slack-Signature} of a body sent at a timestamp. */
    public String sign(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java has HmacSHA256", e);
        }
    }
}

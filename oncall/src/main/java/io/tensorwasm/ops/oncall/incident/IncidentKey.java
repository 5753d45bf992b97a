package io.tensorwasm.ops.oncall.incident;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * The key of an incident an alert opened: the alert's fingerprint and when it started firing,
 * {@code fingerprint@startsAt}. One firing is one incident; the same alert firing again later is
 * another. Other incidents have keys of their own kind ({@code drill-run:7}, {@code
 * rotation-broken:12}), which never hold an {@code @}.
 *
 * @param fingerprint Alertmanager's fingerprint of the alert's labels
 * @param startsAt when the alert started firing
 */
public record IncidentKey(String fingerprint, Instant startsAt) {

    /** What separates the fingerprint from the start; no other kind of key holds it. */
    static final char SEPARATOR = '@';

    public IncidentKey {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(startsAt, "startsAt");
        if (fingerprint.isBlank() || fingerprint.indexOf(SEPARATOR) >= 0) {
            throw new IllegalArgumentException(
                    "\"" + fingerprint + "\": a fingerprint is not blank and holds no @");
        }
    }

    /** The key of a firing. */
    public static IncidentKey of(String fingerprint, Instant startsAt) {
        return new IncidentKey(fingerprint, startsAt);
    }

    /** Reads a stored key back; empty for a key of another kind. */
    public static Optional<IncidentKey> parse(String key) {
        int at = key.lastIndexOf(SEPARATOR);
        if (at <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    new IncidentKey(key.substring(0, at), Instant.parse(key.substring(at + 1))));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The key as stored: {@code fingerprint@2026-12-05T03:14:07Z}. */
    public String format() {
        return fingerprint + SEPARATOR + startsAt;
    }

    @Override
    public String toString() {
        return format();
    }
}

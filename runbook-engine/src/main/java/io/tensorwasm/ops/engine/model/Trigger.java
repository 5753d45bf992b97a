package io.tensorwasm.ops.engine.model;

import java.util.Objects;

/**
 * Who or what started a run: a person by name, or an alert by its fingerprint.
 *
 * @param kind person or alert
 * @param value the person's name or the alert fingerprint
 */
public record Trigger(Source kind, String value) {

    public Trigger {
        Objects.requireNonNull(kind, "kind");
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("\"\": a trigger names a person or an alert");
        }
    }

    /** A person started it. */
    public static Trigger person(String name) {
        return new Trigger(Source.PERSON, name);
    }

    /** An alert started it. */
    public static Trigger alert(String fingerprint) {
        return new Trigger(Source.ALERT, fingerprint);
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + value;
    }

    /** Where a run comes from. */
    public enum Source {
        PERSON,
        ALERT
    }
}

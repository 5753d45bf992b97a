package io.tensorwasm.ops.launcher;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;

/**
 * Which profile of the shipped alert rules the loop's own Prometheus evaluates, and how often it
 * scrapes and evaluates them.
 */
enum AlertProfile {
    /** The shipped rule file's windows (5 m to 30 d) and holds. */
    PRODUCTION(Duration.ofSeconds(5)),
    /** Every window and hold shortened (5 m becomes 10 s) for demos and tests (issue #8). */
    TEST(Duration.ofSeconds(1));

    private final Duration interval;

    AlertProfile(Duration interval) {
        this.interval = interval;
    }

    /** The profile's name in the specification: {@code production} or {@code test}. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** How often Prometheus scrapes the runtime and evaluates the rules. */
    Duration interval() {
        return interval;
    }

    /** Reads {@code production} or {@code test}. */
    static final class Converter implements ITypeConverter<AlertProfile> {
        @Override
        public AlertProfile convert(String value) {
            for (AlertProfile profile : values()) {
                if (profile.label().equals(value.strip().toLowerCase(Locale.ROOT))) {
                    return profile;
                }
            }
            throw new IllegalArgumentException(
                    "\"" + value + "\": the alert profile is production or test");
        }
    }
}

package io.tensorwasm.ops.engine.parse;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as runbooks write them: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 12min}, {@code
 * 1h30m}.
 */
public final class DurationText {

    private static final Pattern PART =
            Pattern.compile("(\\d+)\\s*(ms|s|sec|secs|m|min|mins|h|hr|hrs)(?![a-z])");

    private DurationText() {}

    /** Parses a duration, or throws {@link IllegalArgumentException} with the runbook message. */
    public static Duration parse(String text) {
        String trimmed = text.strip();
        Matcher m = PART.matcher(trimmed);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (!trimmed.substring(end, m.start()).isBlank()) {
                throw bad(text);
            }
            long n = Long.parseLong(m.group(1));
            total =
                    total.plus(
                            switch (m.group(2)) {
                                case "ms" -> Duration.ofMillis(n);
                                case "s", "sec", "secs" -> Duration.ofSeconds(n);
                                case "m", "min", "mins" -> Duration.ofMinutes(n);
                                default -> Duration.ofHours(n);
                            });
            end = m.end();
        }
        if (end == 0 || end != trimmed.length()) {
            throw bad(text);
        }
        return total;
    }

    private static IllegalArgumentException bad(String text) {
        return new IllegalArgumentException(
                "bad duration \""
                        + text.strip()
                        + "\"; write a number and a unit: 500ms, 30s, 5m, 1h");
    }
}

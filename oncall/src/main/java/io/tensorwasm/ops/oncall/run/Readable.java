package io.tensorwasm.ops.oncall.run;

import io.tensorwasm.ops.engine.model.Texts;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Times and durations as the pages print them: UTC to the second, durations in one unit or two. */
public final class Readable {

    private Readable() {}

    /** {@code 2026-11-25 10:00:01 UTC}. */
    public static String instant(Instant instant) {
        return Texts.utc(instant);
    }

    /** {@code 340 ms}, {@code 4.2 s}, {@code 2m 05s}, {@code 1h 02m}. */
    public static String duration(Duration duration) {
        long millis = Math.max(0, duration.toMillis());
        if (millis < 1_000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = millis / 1000;
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh %02dm", seconds / 3600, seconds % 3600 / 60);
    }
}

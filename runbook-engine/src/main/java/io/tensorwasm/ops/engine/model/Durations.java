package io.tensorwasm.ops.engine.model;

import java.time.Duration;

/** Durations as runbooks write them: {@code 500ms}, {@code 30s}, {@code 12m}, {@code 1h30m}. */
public final class Durations {

    private Durations() {}

    /** The shortest runbook spelling of a duration. */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        StringBuilder text = new StringBuilder();
        long hours = duration.toHours();
        long minutes = duration.toMinutesPart();
        long seconds = duration.toSecondsPart();
        long millis = duration.toMillisPart();
        if (hours > 0) {
            text.append(hours).append('h');
        }
        if (minutes > 0) {
            text.append(minutes).append('m');
        }
        if (seconds > 0) {
            text.append(seconds).append('s');
        }
        if (millis > 0) {
            text.append(millis).append("ms");
        }
        return text.toString();
    }
}

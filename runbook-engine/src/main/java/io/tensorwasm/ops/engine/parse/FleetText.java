package io.tensorwasm.ops.engine.parse;

import io.tensorwasm.ops.engine.check.Suggestions;
import io.tensorwasm.ops.engine.model.FleetStrategy;
import io.tensorwasm.ops.engine.model.Share;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the line that makes the next steps table a fleet block: {@code Fleet: canary 1, batch 50%,
 * max_fail 0, pause 10s}. Each setting may be left out: no canary, one member at a time, no failure
 * allowed, no pause.
 */
final class FleetText {

    /** What starts the line. */
    static final String PREFIX = "Fleet:";

    static final List<String> KEYS = List.of("canary", "batch", "max_fail", "pause");
    private static final Pattern SHARE = Pattern.compile("(\\d{1,6})(%?)");

    private FleetText() {}

    /** The strategy of a {@code Fleet:} line held by a cell that starts at its first word. */
    static FleetStrategy parse(Cell cell) {
        String text = cell.text();
        int canary = 0;
        Share batch = new Share(1, false);
        Share maxFail = new Share(0, false);
        Duration pause = Duration.ZERO;
        Set<String> seen = new HashSet<>();
        int offset = 0;
        for (String part : text.split(",", -1)) {
            int at = offset + (part.length() - part.stripLeading().length());
            offset += part.length() + 1;
            String[] words = part.strip().split("\\s+");
            if (part.isBlank()) {
                if (text.isBlank()) {
                    break;
                }
                throw cell.error(at, "empty setting; write " + example());
            }
            String key = words[0];
            if (!KEYS.contains(key)) {
                throw cell.error(
                        at,
                        "unknown fleet setting \""
                                + key
                                + "\""
                                + Suggestions.hint(key, KEYS, "settings are " + example()));
            }
            if (words.length != 2) {
                throw cell.error(at, key + " takes one value, e.g. " + example());
            }
            if (!seen.add(key)) {
                throw cell.error(at, key + " is set twice");
            }
            int valueAt = at + key.length() + 1;
            try {
                switch (key) {
                    case "canary" -> canary = count(words[1], key);
                    case "batch" -> batch = share(words[1], key);
                    case "max_fail" -> maxFail = share(words[1], key);
                    default -> pause = DurationText.parse(words[1]);
                }
                new FleetStrategy(canary, batch, maxFail, pause);
            } catch (IllegalArgumentException e) {
                throw cell.error(valueAt, e.getMessage());
            }
        }
        return new FleetStrategy(canary, batch, maxFail, pause);
    }

    private static int count(String value, String key) {
        Share share = share(value, key);
        if (share.percent()) {
            throw new IllegalArgumentException(
                    "\"" + value + "\": " + key + " is a count of members, not a percentage");
        }
        return share.value();
    }

    private static Share share(String value, String key) {
        Matcher m = SHARE.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "\"" + value + "\": " + key + " is a count (2) or a percentage (50%)");
        }
        return new Share(Integer.parseInt(m.group(1)), !m.group(2).isEmpty());
    }

    private static String example() {
        return "canary 1, batch 1, max_fail 0, pause 10s";
    }
}

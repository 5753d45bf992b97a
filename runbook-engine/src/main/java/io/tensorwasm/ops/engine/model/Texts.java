package io.tensorwasm.ops.engine.model;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The small rules of text that records, pages and pages of the console share: how a long text is
 * cut to fit its column, how a time is written, how a base URL is joined.
 */
public final class Texts {

    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
                    .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Texts() {}

    /**
     * The text if it fits in {@code max} characters, else its first {@code max - 3} and "...", so
     * the result is never longer than the column it goes to.
     */
    public static String clip(String text, int max) {
        if (max < 3) {
            throw new IllegalArgumentException(
                    max + ": a clipped text keeps at least 3 characters");
        }
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }

    /** A time as people read it in records and pages: {@code 2026-12-05 03:14:07 UTC}. */
    public static String utc(Instant at) {
        return UTC.format(at);
    }

    /** The time of day only, for a deadline within the hour: {@code 03:14 UTC}. */
    public static String clock(Instant at) {
        return CLOCK.format(at);
    }

    /**
     * A time as an offset from the start of what it belongs to, short enough for a column: {@code
     * +14 s}, {@code +2 min 05 s}, {@code +1 h 02 min}; pages put the full time beside it.
     */
    public static String since(java.time.Duration offset) {
        long seconds = Math.max(0, offset.toSeconds());
        if (seconds < 60) {
            return "+" + seconds + " s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "+%d min %02d s", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "+%d h %02d min", seconds / 3600, seconds % 3600 / 60);
    }

    /** Items as a sentence lists them: {@code 1}, {@code 1 and 2}, {@code 1, 2 and 3}. */
    public static String list(java.util.List<String> items) {
        if (items.size() < 2) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1))
                + " and "
                + items.get(items.size() - 1);
    }

    /** A base URL as text without its trailing slash, ready for {@code + "/path"}. */
    public static String base(URI url) {
        String text = url.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}

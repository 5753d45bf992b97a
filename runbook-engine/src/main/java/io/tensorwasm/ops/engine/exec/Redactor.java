package io.tensorwasm.ops.engine.exec;

import io.tensorwasm.ops.engine.model.Texts;
import java.util.regex.Pattern;

/**
 * Removes secrets from text before it is recorded or shown: bearer tokens, passwords, tokens, keys.
 */
public final class Redactor {

    private static final int MAX_EXCERPT = 2000;
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+");
    private static final Pattern ASSIGNMENT =
            Pattern.compile(
                    "(?i)\\b([A-Za-z_]*(?:password|passwd|token|secret|api[_-]?key)s?)(\"?\\s*[=:]\\s*\"?)[^\\s\"&,;]+");
    private static final Pattern AUTHORIZATION =
            Pattern.compile("(?i)(authorization:\\s*+)(?!bearer\\b)[^\\r\\n'\"]+");

    private Redactor() {}

    /** The text with secrets replaced by {@code [redacted]}. */
    public static String redact(String text) {
        String out = BEARER.matcher(text).replaceAll("$1[redacted]");
        out = AUTHORIZATION.matcher(out).replaceAll("$1[redacted]");
        return ASSIGNMENT.matcher(out).replaceAll("$1$2[redacted]");
    }

    /** The redacted text, cut to an excerpt. */
    public static String excerpt(String text) {
        String clean = redact(text);
        return Texts.clip(clean, MAX_EXCERPT);
    }
}

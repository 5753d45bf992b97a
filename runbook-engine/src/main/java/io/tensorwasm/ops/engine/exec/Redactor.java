package io.tensorwasm.ops.engine.exec;

import io.tensorwasm.ops.engine.model.Texts;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Removes secrets from text before it leaves the engine: the exact secrets a run knows (the
 * runtime's token and any other registered with its {@link RunContext}), console tokens ({@code
 * twc_<id>_<secret>}), bearer tokens, and passwords, tokens and keys written as assignments. Each
 * becomes {@code [redacted]}.
 *
 * <pre>{@code
 * Redactor redactor = Redactor.of(List.of(runtimeToken));
 * String safe = redactor.redact(output);
 * }</pre>
 */
public final class Redactor {

    private static final String REDACTED = "[redacted]";
    private static final int MAX_EXCERPT = 2000;
    // A clip keeps at least this much of a secret before its "...": shorter stubs stay.
    private static final int MIN_CUT = 4;
    private static final Pattern CONSOLE_TOKEN =
            Pattern.compile("(?<![A-Za-z0-9_-])twc_[A-Za-z0-9-]{4,}_[A-Za-z0-9-]{8,}");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+");
    private static final Pattern ASSIGNMENT =
            Pattern.compile(
                    "(?i)\\b([A-Za-z_]*(?:password|passwd|token|secret|api[_-]?key)s?)(\"?\\s*[=:]\\s*\"?)[^\\s\"&,;]+");
    private static final Pattern AUTHORIZATION =
            Pattern.compile("(?i)(authorization:\\s*+)(?!bearer\\b)[^\\r\\n'\"]+");
    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(password|passwd|token|secret|api[_-]?key)s?");
    private static final Redactor PATTERNS = new Redactor(List.of());

    private final List<String> secrets;

    private Redactor(List<String> secrets) {
        this.secrets = secrets;
    }

    /** A redactor that also removes these exact values (blank ones are ignored). */
    public static Redactor of(Collection<String> secrets) {
        List<String> known = new ArrayList<>();
        for (String secret : secrets) {
            if (secret != null && !secret.isBlank() && !known.contains(secret.strip())) {
                known.add(secret.strip());
            }
        }
        // The longest first, so a secret that holds another is removed whole.
        known.sort(Comparator.comparingInt(String::length).reversed());
        return new Redactor(List.copyOf(known));
    }

    /** A redactor with the pattern rules only, for text that no run's secrets reach. */
    public static Redactor patterns() {
        return PATTERNS;
    }

    /** The text with secrets replaced by {@code [redacted]}. */
    public String redact(String text) {
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, REDACTED);
            // A clip (Texts.clip) may have cut the secret short: its start before the "..." goes.
            for (int kept = secret.length() - 1; kept >= MIN_CUT; kept--) {
                out = out.replace(secret.substring(0, kept) + "...", REDACTED + "...");
            }
        }
        out = CONSOLE_TOKEN.matcher(out).replaceAll(REDACTED);
        out = BEARER.matcher(out).replaceAll("$1" + REDACTED);
        out = AUTHORIZATION.matcher(out).replaceAll("$1" + REDACTED);
        return ASSIGNMENT.matcher(out).replaceAll("$1$2" + REDACTED);
    }

    /** The redacted text, cut to an excerpt. */
    public String excerpt(String text) {
        return Texts.clip(redact(text), MAX_EXCERPT);
    }

    /**
     * A step's result values, redacted all the way down: every text, and whole any text under a
     * name such as {@code token} or {@code password}. Later steps read these, so a secret an
     * earlier step saw never reaches a prompt, a page or a command line.
     */
    public Map<String, Object> redact(Map<String, Object> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((name, value) -> out.put(name, value(name, value)));
        return out;
    }

    private Object value(Object name, Object value) {
        if (value instanceof String text) {
            return SECRET_NAME.matcher(String.valueOf(name)).matches() ? REDACTED : redact(text);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, value(k, v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(value(name, v)));
            return out;
        }
        return value;
    }
}

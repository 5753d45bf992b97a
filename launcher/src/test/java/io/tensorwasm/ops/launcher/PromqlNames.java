package io.tensorwasm.ops.launcher;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression selects. Prometheus 2.42 has no parse endpoint, so this
 * strips what cannot be a name (strings, label matchers, ranges, durations, numbers, grouping label
 * lists) and keeps every identifier that is not a keyword and not called as a function. {@link
 * PromqlNamesTest} pins it on the shapes the catalogue uses.
 */
final class PromqlNames {

    private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGES = Pattern.compile("\\[[^\\]]*]");
    private static final Pattern GROUPING =
            Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern NUMBERS =
            Pattern.compile("(?<![A-Za-z0-9_:.])[0-9]+(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+|[a-z]+)?");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_:][A-Za-z0-9_:]*");
    private static final Set<String> KEYWORDS =
            Set.of(
                    "and",
                    "or",
                    "unless",
                    "bool",
                    "offset",
                    "by",
                    "without",
                    "on",
                    "ignoring",
                    "group_left",
                    "group_right",
                    "inf",
                    "nan",
                    "Inf",
                    "NaN");

    private PromqlNames() {}

    /** The names, in the order they appear. */
    static Set<String> of(String expression) {
        String text = STRINGS.matcher(expression).replaceAll(" ");
        text = MATCHERS.matcher(text).replaceAll(" ");
        text = RANGES.matcher(text).replaceAll(" ");
        text = GROUPING.matcher(text).replaceAll(" ");
        text = NUMBERS.matcher(text).replaceAll(" ");
        Set<String> names = new LinkedHashSet<>();
        Matcher m = IDENTIFIER.matcher(text);
        while (m.find()) {
            String rest = text.substring(m.end()).stripLeading();
            if (!KEYWORDS.contains(m.group()) && !rest.startsWith("(")) {
                names.add(m.group());
            }
        }
        return names;
    }
}

package io.tensorwasm.ops.web.runbooks;

import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fenced {@code promql} block of a runbook page and the paragraph before it, which names its
 * dashboard panel ("Panel 7, <em>Burn rate, 5 m and 1 h</em>. ...").
 *
 * @param expression the PromQL expression
 * @param caption the paragraph before the block, as text, or empty
 * @param panel the dashboard panel id the caption names, if it names one
 */
public record FirstLookQuery(String expression, String caption, OptionalInt panel) {

    private static final Pattern PANEL = Pattern.compile("(?i)\\bpanel\\s+(\\d+)\\b");

    public FirstLookQuery {
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(caption, "caption");
        Objects.requireNonNull(panel, "panel");
    }

    /** A query whose panel is read from its caption. */
    public static FirstLookQuery of(String expression, String caption) {
        Matcher m = PANEL.matcher(caption);
        return new FirstLookQuery(
                expression.strip(),
                caption.strip(),
                m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty());
    }
}

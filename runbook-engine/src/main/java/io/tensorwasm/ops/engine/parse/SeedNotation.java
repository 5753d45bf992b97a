package io.tensorwasm.ops.engine.parse;

import io.tensorwasm.ops.engine.check.Expressions;
import io.tensorwasm.ops.engine.model.Action;
import io.tensorwasm.ops.engine.model.Check;
import io.tensorwasm.ops.engine.model.Position;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates the seed's notation (seed 004) into actions and CEL checks. It rewrites words, never
 * evaluates: CEL parses the result, and what CEL refuses stays prose for a person.
 *
 * <ul>
 *   <li>{@code expr within 30s}, {@code expr after 5s}: the timing;
 *   <li>{@code (process running)}: a parenthesised comment, dropped;
 *   <li>{@code exit code}: {@code exit_code}; {@code and}, {@code or}: {@code &&}, {@code ||};
 *   <li>{@code rate(x_total[1m])} and other PromQL calls: {@code promql("rate(x_total[1m])")};
 *   <li>{@code x[].y > t}: {@code x.exists(e, e.y > t)};
 *   <li>a name before a comparison: {@code health.name} when dotted or compared with a string, else
 *       {@code metric("name")};
 *   <li>{@code prose; expr}: the expression is checked and the prose is shown to a person.
 * </ul>
 *
 * An action is a {@code shell} step when a command follows its colon ({@code Check relay process:
 * pgrep -x relay}) and a {@code confirm} step otherwise.
 */
final class SeedNotation {

    private static final Pattern TIMING =
            Pattern.compile("^(.*?)\\s+(within|after)\\s+(\\d+\\s*[a-z]+)$");
    private static final Pattern COMMENT = Pattern.compile("\\s+\\([A-Za-z][A-Za-z ,'-]*\\)");
    private static final Pattern STRING = Pattern.compile("\"[^\"]*\"");
    private static final Pattern PROMQL_CALL =
            Pattern.compile(
                    "\\b(rate|irate|increase|delta|deriv|sum|avg|min|max|count|histogram_quantile)\\s*\\(");
    private static final Pattern COMPARISON = Pattern.compile("==|!=|>=|<=|>|<");
    private static final Pattern NAME_BEFORE_OP =
            Pattern.compile(
                    "(?<![\\w.\"])([A-Za-z_]\\w*(?:(?:\\[\\])?\\.[A-Za-z_]\\w*)*)(?=\\s*(==|!=|>=|<=|>|<))");
    private static final Pattern EACH =
            Pattern.compile(
                    "([A-Za-z_][\\w.]*)\\[\\]\\.([\\w.]+)\\s*(==|!=|>=|<=|>|<)\\s*([^\\s&|)]+)");
    private static final Pattern COMMAND = Pattern.compile("^[a-z][a-z0-9_-]*(\\s+\\S+)*$");
    // Programs the seed's rows name, to tell a command after a colon from prose. Not what a shell
    // step may run: that is the run's allowlist (engine exec, read-only by default; issue #16).
    private static final Set<String> TOOLS =
            Set.of(
                    "pgrep",
                    "pkill",
                    "kill",
                    "journalctl",
                    "systemctl",
                    "ls",
                    "cat",
                    "tail",
                    "curl",
                    "cargo",
                    "docker",
                    "kubectl",
                    "nvidia-smi",
                    "tensor-wasm",
                    "ps",
                    "df",
                    "du");

    private SeedNotation() {}

    /**
     * The action of a seed row: {@code shell} for a command after a colon, else {@code confirm}.
     */
    static Action action(String text) {
        int colon = text.lastIndexOf(": ");
        if (colon > 0) {
            String command = text.substring(colon + 2).strip();
            if (isCommand(command)) {
                return new Action.Shell(command);
            }
        }
        return new Action.Confirm(text);
    }

    private static boolean isCommand(String text) {
        if (!COMMAND.matcher(text).matches() || COMPARISON.matcher(text).find()) {
            return false;
        }
        String program = text.split("\\s+")[0];
        return TOOLS.contains(program)
                || text.matches(".*\\s-{1,2}[A-Za-z].*")
                || text.matches(".*\\s/\\S*.*");
    }

    /** The check of a seed row's Expected Metrics cell, machine-checkable where CEL accepts it. */
    static Check check(String text, Position at) {
        String body = text.strip();
        Check.Timing timing = Check.Timing.NOW;
        Duration duration = Duration.ZERO;
        Matcher t = TIMING.matcher(body);
        if (t.matches()) {
            timing = t.group(2).equals("within") ? Check.Timing.WITHIN : Check.Timing.AFTER;
            duration = DurationText.parse(t.group(3));
            body = t.group(1);
        }
        List<String> expressions = new ArrayList<>();
        List<String> prose = new ArrayList<>();
        for (String part : body.split(";")) {
            String expression = translate(part.strip());
            if (expression != null && Expressions.validate(expression, at).isEmpty()) {
                expressions.add(expression);
            } else {
                prose.add(part.strip());
            }
        }
        String note = expressions.isEmpty() ? body.strip() : String.join("; ", prose);
        if (expressions.isEmpty()) {
            return new Check("", Check.Timing.NOW, Duration.ZERO, text.strip());
        }
        return new Check(String.join(" && ", expressions), timing, duration, note);
    }

    /** The CEL text for one clause, or null when it has no comparison. */
    static String translate(String clause) {
        if (!COMPARISON.matcher(clause).find()) {
            return null;
        }
        List<String> strings = new ArrayList<>();
        Matcher s = STRING.matcher(clause);
        StringBuilder masked = new StringBuilder();
        while (s.find()) {
            strings.add(s.group());
            s.appendReplacement(masked, "\u0000" + (strings.size() - 1) + "\u0000");
        }
        s.appendTail(masked);
        String text = COMMENT.matcher(masked.toString()).replaceAll("");
        text = text.replaceAll("\\bexit code\\b", "exit_code");
        text = text.replaceAll("\\band\\b", "&&").replaceAll("\\bor\\b", "||");
        text = promql(text);
        text = names(text);
        text = EACH.matcher(text).replaceAll("$1.exists(e, e.$2 $3 $4)");
        for (int i = 0; i < strings.size(); i++) {
            text = text.replace("\u0000" + i + "\u0000", strings.get(i));
        }
        return text.strip();
    }

    private static String promql(String text) {
        StringBuilder out = new StringBuilder();
        int from = 0;
        Matcher m = PROMQL_CALL.matcher(text);
        while (m.find(from)) {
            int depth = 0;
            int end = m.end() - 1;
            for (; end < text.length(); end++) {
                char c = text.charAt(end);
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
                if (depth == 0) {
                    break;
                }
            }
            if (end >= text.length()) {
                return text;
            }
            String call = text.substring(m.start(), end + 1).replace("\"", "\\\"");
            out.append(text, from, m.start()).append("promql(\"").append(call).append("\")");
            from = end + 1;
        }
        return out.append(text.substring(from)).toString();
    }

    private static String names(String text) {
        Matcher m = NAME_BEFORE_OP.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String root = name.split("[.\\[]")[0];
            String replacement;
            if (Expressions.VARIABLES.contains(root) || root.equals("e")) {
                replacement = name;
            } else if (name.contains(".") || comparedWithString(text, m.end())) {
                replacement = "health." + name;
            } else {
                replacement = "metric(\"" + name + "\")";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static boolean comparedWithString(String text, int afterName) {
        return text.substring(afterName).matches("\\s*(==|!=)\\s*\u0000.*");
    }
}

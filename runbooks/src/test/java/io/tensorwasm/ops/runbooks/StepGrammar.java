package io.tensorwasm.ops.runbooks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The step grammar these pages use until the engine's parser lints them (TODO(#5)): one regular
 * expression per action verb and per On failure form, and durations such as {@code 1h18m30s}.
 * runbooks/README.md documents the same grammar.
 */
final class StepGrammar {

    static final List<Pattern> ACTIONS =
            List.of(
                    Pattern.compile("http (GET|POST|PUT|DELETE) \\{runtime}/\\S*( \\{.*})?"),
                    Pattern.compile("promql \\S.*"),
                    Pattern.compile("cli tensor-wasm \\S.*"),
                    Pattern.compile("wait [0-9]+[smh]"),
                    Pattern.compile("confirm \"[^\"]+\""),
                    Pattern.compile(
                            "decide \"[^\"]+\"( [A-Za-z0-9-]+=([0-9]+|end|runbook:[a-z-]+))+"),
                    Pattern.compile(
                            "page (sev-[123]|\\{severity}) (primary|secondary|lead) \"[^\"]+\""),
                    Pattern.compile("target (restart|stop|start|status|logs)"),
                    Pattern.compile("shell \\S.*"),
                    Pattern.compile("goto [0-9]+"));

    static final Pattern ON_FAILURE =
            Pattern.compile("retry [1-9]|goto [0-9]+|runbook [a-z-]+|continue|escalate|abort|-");

    /** Verbs whose result the runtime or Prometheus answers: they need an Expected check. */
    static final Set<String> MACHINE_CHECKED =
            Set.of("http", "promql", "cli", "target", "shell", "page");

    /** Verbs that a person answers, or that cannot fail by themselves. */
    static final Set<String> UNCHECKED = Set.of("confirm", "decide", "goto", "wait");

    private static final Pattern DURATION =
            Pattern.compile("(?:([0-9]+)d)?(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s)?");
    private static final Pattern TARGETS = Pattern.compile("=([0-9]+)");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z][a-z0-9_.]*)}");

    private StepGrammar() {}

    static boolean isAction(String action) {
        return ACTIONS.stream().anyMatch(p -> p.matcher(action).matches());
    }

    static String verb(String action) {
        int space = action.indexOf(' ');
        return space < 0 ? action : action.substring(0, space);
    }

    /** Parses {@code 1h18m30s}, {@code 30s}, {@code 1d}; an unparsable text is an error. */
    static Duration duration(String text) {
        Matcher m = DURATION.matcher(text);
        if (text.isEmpty() || !m.matches()) {
            throw new IllegalArgumentException(text + ": not a duration like 30s, 5m or 1h18m30s");
        }
        long seconds = 0;
        long[] unit = {86400, 3600, 60, 1};
        for (int i = 0; i < 4; i++) {
            if (m.group(i + 1) != null) {
                seconds += Long.parseLong(m.group(i + 1)) * unit[i];
            }
        }
        return Duration.ofSeconds(seconds);
    }

    /** Step numbers that an action or an On failure cell jumps to. */
    static List<Integer> jumps(String action, String onFailure) {
        List<Integer> jumps = new ArrayList<>();
        if (action.startsWith("decide ")) {
            Matcher m = TARGETS.matcher(action.substring(action.lastIndexOf('"')));
            while (m.find()) {
                jumps.add(Integer.parseInt(m.group(1)));
            }
        }
        if (action.startsWith("goto ")) {
            jumps.add(Integer.parseInt(action.substring(5)));
        }
        if (onFailure.startsWith("goto ")) {
            jumps.add(Integer.parseInt(onFailure.substring(5)));
        }
        return jumps;
    }

    /** The names inside {@code {...}} placeholders of an action. */
    static List<String> placeholders(String action) {
        List<String> names = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(action);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    static String format(Duration d) {
        long s = d.getSeconds();
        StringBuilder out = new StringBuilder();
        if (s >= 3600) {
            out.append(s / 3600).append('h');
        }
        if (s % 3600 >= 60) {
            out.append(s % 3600 / 60).append('m');
        }
        if (s % 60 > 0 || out.length() == 0) {
            out.append(s % 60).append('s');
        }
        return out.toString();
    }
}

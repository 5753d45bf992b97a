package io.tensorwasm.ops.engine.parse;

import io.tensorwasm.ops.engine.check.Suggestions;
import io.tensorwasm.ops.engine.model.OnFailure;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the On failure cell: {@code retry 2 then escalate}, {@code goto 4}, {@code runbook
 * rollback}, {@code abort}.
 */
final class OnFailureText {

    private static final Pattern RETRY = Pattern.compile("retry\\s+(\\S+)(?:\\s+then\\s+(.+))?");
    private static final Pattern GOTO = Pattern.compile("goto\\s+(?:step\\s+)?(\\d+)");
    private static final Pattern RUNBOOK = Pattern.compile("runbook\\s+([a-z0-9][a-z0-9.-]*)");
    private static final List<String> WORDS =
            List.of("retry", "goto", "runbook", "escalate", "abort", "continue");

    private OnFailureText() {}

    static OnFailure parse(Cell cell, OnFailure fallback) {
        String text = cell.text();
        if (text.isEmpty()) {
            return fallback;
        }
        Matcher retry = RETRY.matcher(text);
        if (retry.matches()) {
            int retries;
            try {
                retries = Integer.parseInt(retry.group(1));
            } catch (NumberFormatException ignored) {
                retries = -1;
            }
            if (retries < 1 || retries > 10) {
                throw cell.error(
                        retry.start(1),
                        "bad retry count \"" + retry.group(1) + "\"; retry 1 to 10 times");
            }
            OnFailure last =
                    retry.group(2) == null
                            ? OnFailure.ABORT
                            : last(cell, retry.group(2), retry.start(2));
            return new OnFailure(retries, last.then(), last.gotoStep(), last.runbook());
        }
        return last(cell, text, 0);
    }

    private static OnFailure last(Cell cell, String text, int at) {
        Matcher go = GOTO.matcher(text);
        if (go.matches()) {
            return new OnFailure(0, OnFailure.Then.GOTO, Integer.parseInt(go.group(1)));
        }
        Matcher handOver = RUNBOOK.matcher(text);
        if (handOver.matches()) {
            return OnFailure.handOver(0, handOver.group(1));
        }
        return switch (text) {
            case "abort" -> OnFailure.ABORT;
            case "escalate" -> OnFailure.ESCALATE;
            case "continue" -> new OnFailure(0, OnFailure.Then.CONTINUE, 0);
            default -> {
                String word = text.split("\\s+")[0];
                throw cell.error(
                        at,
                        "unknown on-failure \""
                                + text
                                + "\""
                                + Suggestions.hint(
                                        word,
                                        WORDS,
                                        "use retry N [then ...], goto N, runbook ID, escalate, abort or continue"));
            }
        };
    }
}

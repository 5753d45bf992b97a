package io.tensorwasm.ops.engine.parse;

import io.tensorwasm.ops.engine.check.Expressions;
import io.tensorwasm.ops.engine.model.Check;
import io.tensorwasm.ops.engine.model.Problem;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the Expected and Within cells into a {@link Check}. Expected is a CEL expression, or {@code
 * manual: prose} for what only a person can judge; a trailing {@code within 30s} or {@code after
 * 5s} may sit in Expected or in Within.
 */
final class CheckText {

    private static final Pattern TIMING =
            Pattern.compile("^(.*?)\\s+(within|after)\\s+(\\S+(?:\\s*\\S+)?)$");
    private static final Pattern WITHIN_CELL = Pattern.compile("^(?:(within|after)\\s+)?(.+)$");

    private CheckText() {}

    static Optional<Check> parse(Cell expected, Cell within) {
        String text = expected.text();
        Check.Timing timing = Check.Timing.NOW;
        Duration duration = Duration.ZERO;
        Matcher suffix = TIMING.matcher(text);
        if (suffix.matches() && !text.startsWith("manual:")) {
            timing = suffix.group(2).equals("within") ? Check.Timing.WITHIN : Check.Timing.AFTER;
            duration = duration(expected, suffix.group(3), suffix.start(3));
            text = suffix.group(1);
        }
        if (!within.isEmpty()) {
            Matcher cell = WITHIN_CELL.matcher(within.text());
            if (!cell.matches()) {
                throw within.error(0, "bad duration \"" + within.text() + "\"");
            }
            timing = "after".equals(cell.group(1)) ? Check.Timing.AFTER : Check.Timing.WITHIN;
            duration = duration(within, cell.group(2), cell.start(2));
        }
        if (text.isEmpty()) {
            if (!within.isEmpty()) {
                throw within.error(
                        0, "\"" + within.text() + "\" needs an expected check to wait for");
            }
            return Optional.empty();
        }
        if (text.startsWith("manual:")) {
            String prose = text.substring("manual:".length()).strip();
            if (prose.isEmpty()) {
                throw expected.error(0, "manual: needs the words a person checks");
            }
            return Optional.of(new Check("", timing, duration, prose));
        }
        Optional<Problem> problem = Expressions.validate(text, expected.position());
        if (problem.isPresent()) {
            throw new io.tensorwasm.ops.engine.model.RunbookFormatException(problem.get());
        }
        return Optional.of(new Check(text, timing, duration, ""));
    }

    private static Duration duration(Cell cell, String text, int at) {
        try {
            return DurationText.parse(text);
        } catch (IllegalArgumentException e) {
            throw cell.error(at, e.getMessage());
        }
    }
}

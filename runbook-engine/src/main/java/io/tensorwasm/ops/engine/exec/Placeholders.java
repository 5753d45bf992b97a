package io.tensorwasm.ops.engine.exec;

import io.tensorwasm.ops.engine.model.Action;
import io.tensorwasm.ops.engine.model.FleetMember;
import io.tensorwasm.ops.engine.model.Runbook;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Fills the placeholders of a step: the run's variables, the runbook's vars (an empty default must
 * be given by the run), its typed parameters' values (issue #19) and earlier steps' results. The
 * words of a command are split before they are filled, so a value is always one argument (issue
 * #16). A strict filler throws where a value is missing or refused; a lenient one, for what a
 * person is shown, keeps the placeholder as written and says why.
 */
final class Placeholders {

    private static final Pattern PLACEHOLDER =
            Pattern.compile("\\{([a-zA-Z_][a-zA-Z0-9_]*(?:\\.[a-zA-Z0-9_]+)*)}");
    private static final Pattern STEP = Pattern.compile("steps\\.([0-9]+)\\..*");
    private static final Pattern BARE = Pattern.compile("[^\\s\"'\\\\]+");

    private final Map<String, String> values;
    private final StepValues steps;
    private final boolean strict;
    private final Map<String, String> notes = new LinkedHashMap<>();

    private Placeholders(
            Runbook runbook, Map<String, String> variables, StepValues steps, boolean strict) {
        this.values = new HashMap<>(runbook.metadata().vars());
        runbook.metadata()
                .params()
                .forEach(p -> p.defaultValue().ifPresent(d -> values.put(p.name(), d)));
        this.values.putAll(variables);
        this.values.putAll(steps.inputs());
        this.steps = steps;
        this.strict = strict;
    }

    /** Fills for a run: a missing or refused value throws. */
    static Placeholders strict(Runbook runbook, Map<String, String> variables, StepValues steps) {
        return new Placeholders(runbook, variables, steps, true);
    }

    /** Fills for a person to read: a missing or refused value stays as written, with a note. */
    static Placeholders lenient(Runbook runbook, Map<String, String> variables, StepValues steps) {
        return new Placeholders(runbook, variables, steps, false);
    }

    /** The text with its placeholders filled. */
    String fill(String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = value(name);
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        return m.appendTail(out).toString();
    }

    /**
     * The arguments of a command, each template word filled on its own. A value may not make a word
     * start with {@code -} (an option) unless the word comes after a {@code --} word, nor, in a
     * {@code cli} step, with {@code @} (an argument file).
     */
    List<String> arguments(List<String> words, int step, boolean cli) {
        List<String> filled = new ArrayList<>();
        boolean operands = false;
        for (String word : words) {
            String value = fill(word);
            if (!operands) {
                refuseLeading(word, value, step, Leading.OPTION);
            }
            if (cli) {
                refuseLeading(word, value, step, Leading.ARGUMENT_FILE);
                Action.Cli.refusal(value).ifPresent(this::refuse);
            }
            operands |= word.equals("--");
            filled.add(value);
        }
        return filled;
    }

    /** Refuses a value that makes its word start with a character the word did not start with. */
    private void refuseLeading(String word, String value, int step, Leading rule) {
        if (value.isEmpty() || value.charAt(0) != rule.first || word.charAt(0) == rule.first) {
            return;
        }
        Matcher m = PLACEHOLDER.matcher(word);
        String from = m.find() ? m.group() : word;
        refuse(
                "\""
                        + value
                        + "\" from "
                        + from
                        + " would be "
                        + rule.what
                        + " of step "
                        + step
                        + ": a placeholder's value may not start with \""
                        + rule.first
                        + "\" "
                        + rule.unless);
    }

    private void refuse(String why) {
        if (strict) {
            throw new IllegalStateException(why);
        }
        notes.put("refused", "refused: " + why);
    }

    /** What a lenient filler left unfilled or refused, as {@code [template: ...]}, or empty. */
    String notes() {
        return notes.isEmpty() ? "" : " [" + String.join("; ", notes.values()) + "]";
    }

    private String value(String name) {
        if (StepValues.isReference(name)) {
            if (strict) {
                return steps.lookup(name);
            }
            try {
                return steps.lookup(name);
            } catch (IllegalStateException noValue) {
                Matcher step = STEP.matcher(name);
                notes.put(
                        name,
                        "template: "
                                + (steps.ran(name) || !step.matches()
                                        ? noValue.getMessage()
                                        : "{"
                                                + name
                                                + "} has no value until step "
                                                + step.group(1)
                                                + " runs"));
                return null;
            }
        }
        String value = values.get(name);
        if (value == null || value.isEmpty()) {
            String why =
                    FleetMember.PLACEHOLDERS.contains(name)
                            ? "{" + name + "} is filled for each member of the fleet as it runs"
                            : "{"
                                    + name
                                    + "} has no value in this run; set it with --var "
                                    + name
                                    + "=...";
            if (strict) {
                throw new IllegalStateException(why);
            }
            notes.put(name, "template: " + why);
            return null;
        }
        return value;
    }

    /** What a value at the start of a word would become. */
    private enum Leading {
        OPTION('-', "an option", "unless the step puts it after \"--\""),
        ARGUMENT_FILE('@', "an argument file", "in a cli step");

        private final char first;
        private final String what;
        private final String unless;

        Leading(char first, String what, String unless) {
            this.first = first;
            this.what = what;
            this.unless = unless;
        }
    }

    /**
     * Arguments as a person reads them: a word with a space, a quote or a backslash, or an empty
     * one, in double quotes with {@code \"} and {@code \\} escaped, so each word stays one.
     */
    static String render(List<String> words) {
        return words.stream()
                .map(w -> BARE.matcher(w).matches() ? w : quote(w))
                .collect(Collectors.joining(" "));
    }

    private static String quote(String word) {
        return "\""
                + word.replace("\\", "\\\\")
                        .replace("\"", "\\\"")
                        .replace("\n", "\\n")
                        .replace("\r", "\\r")
                        .replace("\t", "\\t")
                + "\"";
    }
}

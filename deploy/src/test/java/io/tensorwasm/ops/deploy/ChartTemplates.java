package io.tensorwasm.ops.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the chart's templates without Helm, which no Debian package ships: a renderer of the
 * small subset of Go templates the chart is written in, and nothing more. Anything outside the
 * subset is an error naming it, so the chart cannot grow a construct these tests do not render.
 *
 * <p>The subset: {@code {{ PIPELINE }}} with {@code {{-} and {@code -}}} trimming; {@code if} /
 * {@code else} / {@code end} and {@code with} / {@code end}; values {@code .Values.a.b}, {@code
 * .Release.Name}, {@code .Release.Namespace}, {@code .Chart.AppVersion}, {@code .} and string
 * literals; functions {@code not X}, {@code required "MSG" X}, {@code toYaml X}, and in a pipe
 * {@code quote}, {@code default D}, {@code nindent N}. Truth is Go's: false, 0, "", nil and empty
 * collections are false.
 */
final class ChartTemplates {

    private static final Pattern ACTION =
            Pattern.compile("\\{\\{(-?)\\s*(.*?)\\s*(-?)}}", Pattern.DOTALL);
    private static final ObjectMapper YAML =
            new ObjectMapper(
                    new YAMLFactory()
                            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private ChartTemplates() {}

    /** Renders a template with the top-level object {@code {Values, Release, Chart}}. */
    static String render(String template, Map<String, Object> top) {
        List<Object> parts = parse(template);
        StringBuilder out = new StringBuilder();
        int[] at = {0};
        block(parts, at, top, top, out, true);
        return out.toString();
    }

    /** Text and actions, the trimming already applied to the text around each action. */
    private static List<Object> parse(String template) {
        List<Object> parts = new ArrayList<>();
        Matcher m = ACTION.matcher(template);
        int last = 0;
        StringBuilder text = new StringBuilder();
        while (m.find()) {
            text.append(template, last, m.start());
            if (!m.group(1).isEmpty()) {
                stripTrailing(text);
            }
            parts.add(text.toString());
            text.setLength(0);
            parts.add(new Action(m.group(2).strip()));
            last = m.end();
            if (!m.group(3).isEmpty()) {
                while (last < template.length() && Character.isWhitespace(template.charAt(last))) {
                    last++;
                }
            }
        }
        text.append(template.substring(last));
        parts.add(text.toString());
        return parts;
    }

    private static void stripTrailing(StringBuilder text) {
        int end = text.length();
        while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        text.setLength(end);
    }

    private record Action(String text) {}

    /**
     * Renders parts from {@code at[0]} until the {@code else} or {@code end} that closes the block,
     * writing only when {@code on}; returns that closing word.
     */
    private static String block(
            List<Object> parts,
            int[] at,
            Map<String, Object> top,
            Object dot,
            StringBuilder out,
            boolean on) {
        while (at[0] < parts.size()) {
            Object part = parts.get(at[0]++);
            if (part instanceof String text) {
                if (on) {
                    out.append(text);
                }
                continue;
            }
            String action = ((Action) part).text();
            if (action.equals("end") || action.equals("else")) {
                return action;
            }
            if (action.startsWith("if ")) {
                boolean holds = on && truthy(pipeline(action.substring(3), top, dot));
                String closed = block(parts, at, top, dot, out, on && holds);
                if (closed.equals("else")) {
                    closed = block(parts, at, top, dot, out, on && !holds);
                }
                require(closed.equals("end"), "if without end: " + action);
            } else if (action.startsWith("with ")) {
                Object value = on ? pipeline(action.substring(5), top, dot) : null;
                String closed = block(parts, at, top, value, out, on && truthy(value));
                require(closed.equals("end"), "with without end: " + action);
            } else if (on) {
                out.append(string(pipeline(action, top, dot)));
            }
        }
        return "eof";
    }

    private static Object pipeline(String text, Map<String, Object> top, Object dot) {
        String[] stages = text.split("\\|");
        Object value = command(words(stages[0]), top, dot, null, false);
        for (int i = 1; i < stages.length; i++) {
            value = command(words(stages[i]), top, dot, value, true);
        }
        return value;
    }

    private static Object command(
            List<String> words,
            Map<String, Object> top,
            Object dot,
            Object piped,
            boolean isPiped) {
        String head = words.get(0);
        List<Object> args = new ArrayList<>();
        for (String w : words.subList(1, words.size())) {
            args.add(term(w, top, dot));
        }
        if (isPiped) {
            args.add(piped);
        }
        return switch (head) {
            case "quote" ->
                    "\"" + string(args.get(0)).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            case "default" -> truthy(args.get(1)) ? args.get(1) : args.get(0);
            case "not" -> !truthy(args.get(0));
            case "required" -> {
                require(truthy(args.get(1)), "required: " + args.get(0));
                yield args.get(1);
            }
            case "toYaml" -> toYaml(args.get(0));
            case "nindent" ->
                    "\n" + indent(string(args.get(1)), Integer.parseInt(string(args.get(0))));
            default -> {
                require(
                        words.size() == 1 && !isPiped,
                        "outside the subset: " + String.join(" ", words));
                yield term(head, top, dot);
            }
        };
    }

    private static Object term(String word, Map<String, Object> top, Object dot) {
        if (word.startsWith("\"") && word.endsWith("\"") && word.length() >= 2) {
            return word.substring(1, word.length() - 1);
        }
        if (word.matches("[0-9]+")) {
            return word;
        }
        if (word.equals(".")) {
            return dot;
        }
        require(
                word.startsWith(".") && word.matches("(\\.[A-Za-z][A-Za-z0-9]*)+"),
                "outside the subset: " + word);
        Object value = top;
        for (String key : word.substring(1).split("\\.")) {
            value = value instanceof Map<?, ?> map ? map.get(key) : null;
        }
        return value;
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = Pattern.compile("\"[^\"]*\"|\\S+").matcher(text.strip());
        while (m.find()) {
            words.add(m.group());
        }
        require(!words.isEmpty(), "an empty action");
        return words;
    }

    private static boolean truthy(Object value) {
        if (value == null || Boolean.FALSE.equals(value)) {
            return false;
        }
        if (value instanceof String s) {
            return !s.isEmpty();
        }
        if (value instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (value instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        if (value instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        return true;
    }

    private static String string(Object value) {
        return value == null ? "" : value.toString();
    }

    private static String toYaml(Object value) {
        try {
            return YAML.writeValueAsString(value).stripTrailing();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String indent(String text, int spaces) {
        String pad = " ".repeat(spaces);
        return pad + text.replace("\n", "\n" + pad);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}

package io.tensorwasm.ops.engine.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads the Prometheus text exposition format (version 0.0.4), kept small on purpose: no Java
 * library on Maven Central maintains a parser of it (client_java only writes it). Comment and
 * {@code # TYPE} lines are skipped; timestamps are ignored; histogram and summary series are read
 * as the plain series they are ({@code _bucket}, {@code _sum}, {@code _count}).
 *
 * <pre>
 * name{label="value",other="x"} 12.5 1700000000000
 * </pre>
 */
public final class TextFormat {

    private TextFormat() {}

    /**
     * Reads every sample of an exposition.
     *
     * @throws IllegalArgumentException for a line that is not a sample, naming the line
     */
    public static List<Sample> parse(String text) {
        List<Sample> samples = new ArrayList<>();
        int lineNumber = 0;
        for (String raw : text.split("\n")) {
            lineNumber++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            samples.add(line(line, lineNumber));
        }
        return samples;
    }

    /** The sum of the values of the samples with the name whose labels pass the filter. */
    public static double sum(
            List<Sample> samples, String name, Predicate<Map<String, String>> labels) {
        return samples.stream()
                .filter(s -> s.name().equals(name) && labels.test(s.labels()))
                .mapToDouble(Sample::value)
                .sum();
    }

    private static Sample line(String line, int lineNumber) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        Map<String, String> labels = new LinkedHashMap<>();
        String name;
        String rest;
        if (brace >= 0 && (space < 0 || brace < space)) {
            name = line.substring(0, brace);
            int end = labels(line, brace + 1, labels, lineNumber);
            rest = line.substring(end + 1).strip();
        } else if (space > 0) {
            name = line.substring(0, space);
            rest = line.substring(space + 1).strip();
        } else {
            throw bad(line, lineNumber, "no value");
        }
        String value = rest.split("\\s+")[0];
        return new Sample(name, labels, number(value, line, lineNumber));
    }

    /** Reads {@code k="v",...} from {@code start}; returns the index of the closing brace. */
    private static int labels(String line, int start, Map<String, String> labels, int lineNumber) {
        int i = start;
        while (i < line.length() && line.charAt(i) != '}') {
            int equals = line.indexOf('=', i);
            if (equals < 0 || equals + 1 >= line.length() || line.charAt(equals + 1) != '"') {
                throw bad(line, lineNumber, "bad label");
            }
            String key = line.substring(i, equals).strip();
            StringBuilder value = new StringBuilder();
            int j = equals + 2;
            while (j < line.length() && line.charAt(j) != '"') {
                char c = line.charAt(j);
                if (c == '\\' && j + 1 < line.length()) {
                    char next = line.charAt(++j);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(c);
                }
                j++;
            }
            labels.put(key, value.toString());
            i = j + 1;
            if (i < line.length() && line.charAt(i) == ',') {
                i++;
            }
        }
        if (i >= line.length()) {
            throw bad(line, lineNumber, "no closing brace");
        }
        return i;
    }

    private static double number(String value, String line, int lineNumber) {
        return switch (value) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                try {
                    yield Double.parseDouble(value);
                } catch (NumberFormatException ignored) {
                    throw bad(line, lineNumber, "bad value \"" + value + "\"");
                }
            }
        };
    }

    private static IllegalArgumentException bad(String line, int lineNumber, String why) {
        return new IllegalArgumentException(
                "line " + lineNumber + ": \"" + line + "\": " + why + " in the text format");
    }
}

package io.tensorwasm.ops.alerts;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generates the Prometheus rule file from the {@link SloSpec}: the recording rules for every SLI
 * window, then the alerts. The production profile is committed as {@value #PRODUCTION_RESOURCE};
 * the test profile keeps every name, label and annotation and shortens the durations.
 *
 * <pre>{@code
 * String rules = RuleFiles.generate("test", BaseUrls.of(consoleUrl, grafanaUrl));
 * Files.writeString(dir.resolve("tensor-wasm.rules.yml"), rules);
 * }</pre>
 */
public final class RuleFiles {

    /** The committed production rule file, on the classpath. */
    public static final String PRODUCTION_RESOURCE = "/rules/tensor-wasm.rules.yml";

    /** The rule group that holds every rule. */
    public static final String GROUP = "tensor-wasm-slo";

    private static final Pattern PLAIN =
            Pattern.compile(
                    "[A-Za-z0-9_/(][A-Za-z0-9_ .,;%/()*+=?&-]*(:[^ ][A-Za-z0-9_ .,;%/()*+=?&-]*)*");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z0-9_]+)}");

    private RuleFiles() {}

    /** The rule file of the named profile ("production" or "test") as YAML text. */
    public static String generate(String profile, BaseUrls urls) {
        return generate(SloSpec.load(), profile, urls);
    }

    /** As {@link #generate(String, BaseUrls)}, from the given specification. */
    public static String generate(SloSpec spec, String profile, BaseUrls urls) {
        return header(profile) + toYaml(rules(spec, profile, urls));
    }

    /** The rules of the named profile, recording rules first, in the order of the file. */
    public static List<Rule> rules(SloSpec spec, String profileName, BaseUrls urls) {
        SloSpec.Profile profile = spec.profile(profileName);
        Map<String, String> values = new HashMap<>(spec.selectors());
        values.putAll(spec.thresholds());
        values.put(
                "error_budget",
                BigDecimal.ONE.subtract(new BigDecimal(spec.objective())).toPlainString());
        List<Rule> rules = new ArrayList<>();
        for (SloSpec.RecordSpec record : spec.records()) {
            if (record.windows().isEmpty()) {
                rules.add(
                        recording(record.name(), substitute(record.expr(), values, record.name())));
            }
            for (String window : record.windows()) {
                Map<String, String> windowed = new HashMap<>(values);
                windowed.put("window", lookup(profile.windows(), window, profileName, "window"));
                windowed.put("name_window", window);
                rules.add(
                        recording(
                                record.name() + window,
                                substitute(record.expr(), windowed, record.name() + window)));
            }
        }
        for (SloSpec.AlertSpec alert : spec.alerts()) {
            String hold = lookup(profile.holds(), alert.hold(), profileName, "for");
            rules.add(
                    new Rule(
                            true,
                            alert.name(),
                            condition(alert, values),
                            "0s".equals(hold) ? "" : hold,
                            labels(alert),
                            annotations(spec, alert, urls)));
        }
        return List.copyOf(rules);
    }

    /** Writes a rule file: {@code RuleFiles FILE [PROFILE [CONSOLE GRAFANA]]}. */
    public static void main(String... args) throws IOException {
        if (args.length != 1 && args.length != 2 && args.length != 4) {
            throw new IllegalArgumentException(
                    List.of(args) + ": expected FILE [PROFILE [CONSOLE_URL GRAFANA_URL]]");
        }
        String profile = args.length > 1 ? args[1] : "production";
        BaseUrls urls = args.length == 4 ? BaseUrls.of(args[2], args[3]) : BaseUrls.DEFAULTS;
        Files.writeString(Path.of(args[0]), generate(profile, urls));
    }

    private static Rule recording(String name, String expr) {
        return new Rule(false, name, expr, "", Map.of(), Map.of());
    }

    // Every window of the alert must exceed the threshold: "r5m > 14.4 and r1h > 14.4".
    private static String condition(SloSpec.AlertSpec alert, Map<String, String> values) {
        if (alert.expr() != null) {
            return substitute(alert.expr(), values, alert.name());
        }
        String above = substitute(alert.above(), values, alert.name());
        List<String> terms = new ArrayList<>();
        for (String window : alert.windows()) {
            terms.add(alert.record() + window + " > " + above);
        }
        return String.join(" and ", terms);
    }

    private static Map<String, String> labels(SloSpec.AlertSpec alert) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("severity", alert.severity());
        labels.put("slo", alert.slo());
        if (alert.tier() != null) {
            labels.put("tier", alert.tier());
        }
        if (alert.scope() != null) {
            labels.put("scope", alert.scope());
        }
        return labels;
    }

    private static Map<String, String> annotations(
            SloSpec spec, SloSpec.AlertSpec alert, BaseUrls urls) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("summary", alert.summary());
        annotations.put("description", alert.description());
        annotations.put(
                "runbook_url", urls.trimmed(urls.console()) + "/runbooks/" + alert.runbook());
        annotations.put(
                "dashboard_url",
                urls.trimmed(urls.grafana())
                        + "/d/"
                        + spec.dashboard().uid()
                        + "/"
                        + spec.dashboard().slug()
                        + "?viewPanel="
                        + alert.panel()
                        + "&from="
                        + alert.from()
                        + "&to=now");
        return annotations;
    }

    private static String lookup(Map<String, String> map, String key, String profile, String what) {
        String value = map.get(key);
        if (value == null) {
            throw new IllegalArgumentException(
                    key + ": " + what + " duration not mapped by profile \"" + profile + "\"");
        }
        return value;
    }

    private static String substitute(String template, Map<String, String> values, String where) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException(
                        "${" + m.group(1) + "}: unknown placeholder in " + where);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString().trim();
    }

    private static String header(String profile) {
        return "# Generated by io.tensorwasm.ops.alerts.RuleFiles from slo/tensor-wasm.slo.yml, profile \""
                + profile
                + "\".\n# Do not edit: change the specification and regenerate (alerts/README.md).\n";
    }

    private static String toYaml(List<Rule> rules) {
        StringBuilder yaml = new StringBuilder("groups:\n  - name: " + GROUP + "\n    rules:\n");
        for (Rule rule : rules) {
            yaml.append("      - ")
                    .append(rule.alert() ? "alert: " : "record: ")
                    .append(rule.name());
            yaml.append("\n        expr: ").append(scalar(rule.expr())).append('\n');
            if (!rule.hold().isEmpty()) {
                yaml.append("        for: ").append(rule.hold()).append('\n');
            }
            mapping(yaml, "labels", rule.labels());
            mapping(yaml, "annotations", rule.annotations());
        }
        return yaml.toString();
    }

    private static void mapping(StringBuilder yaml, String key, Map<String, String> entries) {
        if (entries.isEmpty()) {
            return;
        }
        yaml.append("        ").append(key).append(":\n");
        entries.forEach(
                (name, value) ->
                        yaml.append("          ")
                                .append(name)
                                .append(": ")
                                .append(scalar(value))
                                .append('\n'));
    }

    // Plain when YAML cannot misread it, else single-quoted: PromQL's double quotes stay unescaped.
    private static String scalar(String value) {
        if (value.contains("\n")) {
            throw new IllegalArgumentException(value + ": rule text must be one line");
        }
        return PLAIN.matcher(value).matches() ? value : "'" + value.replace("'", "''") + "'";
    }
}

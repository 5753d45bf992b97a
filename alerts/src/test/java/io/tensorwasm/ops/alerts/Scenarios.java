package io.tensorwasm.ops.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The promtool unit-test files under {@code src/test/resources/promtool/}. They list the expected
 * labels of each alert; the annotations are filled in here from the generated rules, so one change
 * of a base URL or a summary does not have to be copied into every scenario.
 */
final class Scenarios {

    static final List<String> PRODUCTION =
            List.of(
                    "availability-fast-burn",
                    "availability-slow-burn",
                    "availability-very-slow-burn",
                    "invoke-latency-spike",
                    "healthz-slow",
                    "dispatch-latency-spike",
                    "runtime-down");

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Pattern LABEL = Pattern.compile("\\{\\{ \\$labels\\.([a-z_]+) }}");

    private Scenarios() {}

    /** Reads the scenario file {@code promtool/NAME.test.yml} as a YAML tree. */
    static JsonNode read(String name) {
        String resource = "/promtool/" + name + ".test.yml";
        try (InputStream in = Scenarios.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + ": not on the test classpath");
            }
            return YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the scenario, with every expected alert's annotations, and the rule file it names into
     * {@code dir}; returns the scenario's path for {@code promtool test rules}.
     */
    static Path write(String name, String rulesYaml, List<Rule> rules, Path dir) {
        JsonNode scenario = read(name);
        for (JsonNode test : scenario.path("tests")) {
            for (JsonNode alertTest : test.path("alert_rule_test")) {
                Rule rule = alert(rules, alertTest.path("alertname").asText());
                for (JsonNode expected : alertTest.path("exp_alerts")) {
                    ObjectNode annotations = ((ObjectNode) expected).putObject("exp_annotations");
                    rule.annotations()
                            .forEach(
                                    (k, v) ->
                                            annotations.put(
                                                    k, render(v, expected.path("exp_labels"))));
                }
            }
        }
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(scenario.path("rule_files").get(0).asText()), rulesYaml);
            Path file = dir.resolve(name + ".test.yml");
            YAML.writeValue(file.toFile(), scenario);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Rule alert(List<Rule> rules, String name) {
        return rules.stream()
                .filter(r -> r.alert() && r.name().equals(name))
                .findFirst()
                .orElseThrow(
                        () -> new IllegalStateException(name + ": no such alert in the rules"));
    }

    // The rules use {{ $labels.NAME }} and nothing else (slo/tensor-wasm.slo.yml says so).
    private static String render(String template, JsonNode labels) {
        Matcher m = LABEL.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(labels.path(m.group(1)).asText()));
        }
        m.appendTail(out);
        return out.toString();
    }
}

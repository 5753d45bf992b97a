package io.tensorwasm.ops.drills;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The links of every alert in Prometheus rule files: what the on-call clicks in a page (seed 003,
 * "Verify each runbook ... opens from the alert payload's runbook link").
 *
 * @param alert the alert's name
 * @param source the rule file it came from
 * @param runbookUrl its {@code runbook_url} annotation
 * @param dashboardUrl its {@code dashboard_url} annotation
 */
record AlertLinks(
        String alert, String source, Optional<String> runbookUrl, Optional<String> dashboardUrl) {

    /** The rule file shipped with the platform, which the default Prometheus setup loads. */
    static final String SHIPPED = "/rules/tensor-wasm.rules.yml";

    /** Every alert of the files, or of the shipped file when none is given. */
    static List<AlertLinks> read(List<Path> files) {
        List<AlertLinks> links = new ArrayList<>();
        if (files.isEmpty()) {
            try (InputStream in = AlertLinks.class.getResourceAsStream(SHIPPED)) {
                if (in == null) {
                    throw new IllegalStateException(SHIPPED + ": not on the class path");
                }
                parse(
                        new String(in.readAllBytes(), StandardCharsets.UTF_8),
                        "classpath:" + SHIPPED,
                        links);
            } catch (IOException e) {
                throw new UncheckedIOException(SHIPPED + ": cannot read", e);
            }
            return links;
        }
        for (Path file : files) {
            try {
                parse(Files.readString(file), file.toString(), links);
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": cannot read the rule file", e);
            }
        }
        return links;
    }

    static void parse(String yaml, String source, List<AlertLinks> into) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        if (root == null) {
            return;
        }
        for (JsonNode group : root.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (rule.hasNonNull("alert")) {
                    JsonNode annotations = rule.path("annotations");
                    into.add(
                            new AlertLinks(
                                    rule.get("alert").asText(),
                                    source,
                                    text(annotations, "runbook_url"),
                                    text(annotations, "dashboard_url")));
                }
            }
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        return node.hasNonNull(field) && !node.get(field).asText().isBlank()
                ? Optional.of(node.get(field).asText().strip())
                : Optional.empty();
    }
}

package io.tensorwasm.ops.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The files these tests compare: the dashboard, its inventory, and alerts/' rule file. */
final class Catalogue {

    static final Path ROOT = root();
    static final Path DASHBOARD = ROOT.resolve("dashboards/tensor-wasm-overview.json");
    static final Path INVENTORY = ROOT.resolve("dashboards/README.md");
    static final Path RULES = ROOT.resolve("alerts/src/main/resources/rules/tensor-wasm.rules.yml");

    private Catalogue() {}

    static JsonNode dashboard() {
        try {
            return new ObjectMapper().readTree(DASHBOARD.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode rules() {
        try {
            return new YAMLMapper().readTree(RULES.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every panel, rows included, in file order. */
    static List<JsonNode> panels() {
        List<JsonNode> panels = new ArrayList<>();
        dashboard().path("panels").forEach(panels::add);
        return panels;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // Tests run in the module directory; the repository root is the parent holding alerts/.
    private static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("alerts"))
                    && Files.isDirectory(dir.resolve("dashboards"))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                Path.of("").toAbsolutePath() + ": not inside the repository");
    }
}

package io.tensorwasm.ops.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.testkit.PackageGraph;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The layers of incident response, top to bottom: the wiring, the desk, remediation, then the parts
 * the desk and remediation use (paging, live runs), then the records (alerts, incidents, the
 * catalogue), then the database. Every import points down, so a rule about incidents has one place
 * to live and a delivery never loops back up.
 */
class PackageRulesTest {

    private static final String ROOT = "io.tensorwasm.ops.oncall";
    private static final List<List<String>> LAYERS =
            List.of(
                    List.of(""),
                    List.of("slack", "view"),
                    List.of("desk", "export"),
                    List.of("remediation"),
                    List.of("paging", "run"),
                    List.of("alert", "incident", "catalogue", "access", "schedule", "report"),
                    List.of("store"));

    private final PackageGraph graph = PackageGraph.of(Path.of("src/main/java"), ROOT);

    @Test
    void noPackageImportsAnotherInACycle() {
        assertThat(graph.cycles()).isEmpty();
    }

    @Test
    void everyImportPointsToALowerLayer() {
        for (String from : graph.packages()) {
            for (String to : graph.imports(from)) {
                assertThat(layer(to))
                        .as(from + " imports " + to + ", which is not below it")
                        .isGreaterThan(layer(from));
            }
        }
    }

    @Test
    void everyPackageHasItsLayer() {
        assertThat(graph.packages()).allSatisfy(p -> assertThat(layer(p)).isNotNegative());
    }

    private static int layer(String pkg) {
        String name = pkg.equals(ROOT) ? "" : pkg.substring(ROOT.length() + 1);
        for (int i = 0; i < LAYERS.size(); i++) {
            if (LAYERS.get(i).contains(name)) {
                return i;
            }
        }
        return -1;
    }
}

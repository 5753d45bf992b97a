package io.tensorwasm.ops.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.testkit.PackageGraph;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The console is HTTP only, in features that never import each other (home, runbooks, runs,
 * incidents with the webhook, drills, tokens, sign-in), over shared parts (pages and the error
 * table, authentication, failures, health), wired by the root package. No import cycle anywhere.
 */
class PackageRulesTest {

    private static final String ROOT = "io.tensorwasm.ops.web";
    private static final List<String> FEATURES =
            List.of(
                    "home",
                    "runbooks",
                    "runs",
                    "incidents",
                    "drills",
                    "tokens",
                    "signin",
                    "schedules",
                    "slack",
                    "reports");
    private static final List<String> SHARED = List.of("page", "auth", "failure", "health");

    private final PackageGraph graph = PackageGraph.of(Path.of("src/main/java"), ROOT);

    @Test
    void noPackageImportsAnotherInACycle() {
        assertThat(graph.cycles()).isEmpty();
    }

    @Test
    void featuresNeverImportEachOtherNorTheRoot() {
        for (String feature : FEATURES) {
            Set<String> web =
                    graph.imports(ROOT + "." + feature).stream()
                            .filter(p -> p.equals(ROOT) || p.startsWith(ROOT + "."))
                            .map(p -> p.equals(ROOT) ? "" : p.substring(ROOT.length() + 1))
                            .collect(Collectors.toSet());
            assertThat(web).as(feature + " imports").isSubsetOf(SHARED);
        }
    }

    @Test
    void sharedPartsImportNoFeature() {
        for (String shared : SHARED) {
            assertThat(graph.imports(ROOT + "." + shared))
                    .as(shared + " imports")
                    .noneMatch(p -> FEATURES.stream().anyMatch(f -> p.equals(ROOT + "." + f)));
        }
    }

    @Test
    void everyPackageIsAFeatureASharedPartOrTheRoot() {
        assertThat(graph.packages())
                .allMatch(
                        p ->
                                p.equals(ROOT)
                                        || FEATURES.contains(p.substring(ROOT.length() + 1))
                                        || SHARED.contains(p.substring(ROOT.length() + 1)));
    }
}

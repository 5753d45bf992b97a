package io.tensorwasm.ops.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The resources that {@code twops start} reads from its own class path are in {@code twops.jar}.
 *
 * <p>The test class path holds every module whatever the jar carries, so a module demoted to test
 * scope in the launcher's pom (Maven's nearest-declaration rule) would pass every other test and
 * still leave command one without its catalogue, its drills' rule file or its migrations.
 */
class ShadedJarIT {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "runbooks/availability-fast-burn.md",
                "rules/tensor-wasm.rules.yml",
                "slo/tensor-wasm.slo.yml",
                "alertmanager/alertmanager.yml",
                "dashboards/tensor-wasm-overview.json",
                "drill/adder.wasm",
                "templates/drills.ftlh",
                "webroot/console.js",
                "db/runtime/V1__functions.sql",
                "db/engine/V1__engine_executions.sql",
                "io/tensorwasm/ops/engine/allowlist.yaml",
                "db/web/V30__quartz_tables.sql",
                "io/tensorwasm/ops/runtime/gpu/kernels.ptx",
            })
    void carriesWhatTheProcessesReadFromTheClassPath(String entry) throws Exception {
        Path jar = Path.of("target", "twops.jar").toAbsolutePath();
        assertThat(Files.exists(jar)).as("%s, built by mvn package", jar).isTrue();
        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(file.getEntry(entry)).as("%s in %s", entry, jar).isNotNull();
        }
    }
}

package io.tensorwasm.ops.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Breaking a module rule of docs/ARCHITECTURE.md fails the build. Each test copies every pom of the
 * reactor into a scratch directory, adds one forbidden dependency, and runs Maven's validate phase,
 * where the enforcer checks the rules.
 */
class ModuleRulesIT {

    private static final Path REPO = Path.of("").toAbsolutePath().getParent();

    @TempDir Path copy;

    @BeforeEach
    void copyEveryPom() throws IOException {
        try (Stream<Path> poms = Files.walk(REPO, 2)) {
            for (Path pom :
                    poms.filter(p -> p.getFileName().toString().equals("pom.xml"))
                            .filter(p -> !p.toString().contains("/target/"))
                            .toList()) {
                Path target = copy.resolve(REPO.relativize(pom));
                Files.createDirectories(target.getParent());
                Files.copy(pom, target);
            }
        }
    }

    @Test
    void unchangedPomsPassTheRules() throws Exception {
        Result result = validate("runbook-engine", "oncall", "drills", "web");
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void vertxInTheEngineFailsTheBuild() throws Exception {
        addDependency("runbook-engine", "io.vertx", "vertx-core");
        Result result = validate("runbook-engine");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output())
                .contains("runbook-engine depends on no Vert.x")
                .contains("io.vertx:vertx-core:jar:5.0.7 <--- banned");
    }

    @Test
    void runtimeInTheConsoleFailsTheBuild() throws Exception {
        addDependency("web", "io.tensorwasm.ops", "runtime");
        Result result = validate("web");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output())
                .contains("web talks to the runtime only over HTTP")
                .contains(
                        "io.tensorwasm.ops:runtime:jar:"
                                + Version.tag().substring(1)
                                + " <--- banned");
    }

    @Test
    void vertxInIncidentResponseFailsTheBuild() throws Exception {
        addDependency("oncall", "io.vertx", "vertx-core");
        Result result = validate("oncall");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output())
                .contains("oncall depends only on runbook-engine")
                .contains("io.vertx:vertx-core:jar:5.0.7 <--- banned");
    }

    @Test
    void quartzInIncidentResponseFailsTheBuild() throws Exception {
        addDependency("oncall", "org.quartz-scheduler", "quartz");
        Result result = validate("oncall");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("org.quartz-scheduler:quartz:jar:");
    }

    @Test
    void vertxWebInTheDrillsFailsTheBuild() throws Exception {
        addDependency("drills", "io.vertx", "vertx-web");
        Result result = validate("drills");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output())
                .contains("drills depend on oncall and runbook-engine, never on Vert.x Web")
                .contains("io.vertx:vertx-web:jar:5.0.7 <--- banned");
    }

    private void addDependency(String module, String groupId, String artifactId)
            throws IOException {
        Path pom = copy.resolve(module).resolve("pom.xml");
        String xml = Files.readString(pom, StandardCharsets.UTF_8);
        String dependency =
                "<dependency><groupId>"
                        + groupId
                        + "</groupId><artifactId>"
                        + artifactId
                        + "</artifactId></dependency>";
        String changed =
                xml.contains("<dependencies>")
                        ? xml.replaceFirst("<dependencies>", "<dependencies>" + dependency)
                        : xml.replaceFirst(
                                "</description>",
                                "</description><dependencies>" + dependency + "</dependencies>");
        assertThat(changed).as("the pom of " + module + " took the dependency").isNotEqualTo(xml);
        Files.writeString(pom, changed, StandardCharsets.UTF_8);
    }

    private Result validate(String... modules) throws Exception {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                "mvn",
                                "-B",
                                "-Dstyle.color=never",
                                "-f",
                                copy.resolve("pom.xml").toString(),
                                "validate",
                                "-am",
                                "-pl",
                                String.join(",", modules)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("mvn validate finished").isTrue();
        return new Result(process.exitValue(), output);
    }

    private record Result(int exitCode, String output) {}
}

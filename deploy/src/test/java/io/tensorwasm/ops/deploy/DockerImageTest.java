package io.tensorwasm.ops.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.tensorwasm.ops.engine.target.ComposeTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue #18: the image's files, checked with what runs without a Docker engine. The Dockerfile runs
 * what the manifests and the chart run (arguments, user, port) on the project's Java, and copies
 * only what the repository and its build hold; the two entry scripts pass {@code sh -n} and start
 * classes the launcher has; Compose's {@code .env.example} sets the tag its file reads.
 */
class DockerImageTest {

    private static final Path DOCKERFILE = Path.of("docker/Dockerfile");
    private static final Path LAUNCHER = Path.of("../launcher/src/main/java");
    private static final String JAR = "/usr/local/lib/tensor-wasm/twops.jar";
    private static final Pattern EXEC_CLASS = Pattern.compile("-cp (\\S+) ([\\w.]+) \"\\$@\"");

    @Test
    void theImageRunsWhatTheManifestsRunAsTheirUserOnTheirPort() throws IOException {
        Map<String, String> image = instructions(Files.readString(DOCKERFILE));
        Deployment deployment = deployment();
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().get(0);

        assertThat(json(image.get("CMD"))).isEqualTo(container.getArgs());
        assertThat(json(image.get("ENTRYPOINT"))).containsExactly("/usr/local/bin/tensor-wasm");
        assertThat(image.get("USER"))
                .isEqualTo(
                        pod.getSecurityContext().getRunAsUser()
                                + ":"
                                + pod.getSecurityContext().getRunAsUser());
        assertThat(Integer.valueOf(image.get("EXPOSE")))
                .isEqualTo(container.getPorts().get(0).getContainerPort());
        assertThat(image.get("FROM"))
                .as("the Java the project compiles for")
                .isEqualTo("eclipse-temurin:" + javaRelease() + "-jre");
    }

    @Test
    void theImageCopiesOnlyWhatTheRepositoryAndItsBuildHold() throws IOException {
        String dockerfile = Files.readString(DOCKERFILE);

        assertThat(missingSources(dockerfile)).isEmpty();
        assertThat(missingSources(dockerfile.replace("tensor-wasm-cli /usr", "twcli /usr")))
                .as("the check can fail")
                .containsExactly("deploy/docker/twcli");
        assertThat(instructions(dockerfile).get("COPY"))
                .as("the shaded jar the launcher's build names twops.jar")
                .contains("launcher/target/twops.jar " + JAR);
        assertThat(Files.readString(Path.of("../launcher/pom.xml")))
                .contains("<finalName>twops</finalName>");
    }

    @Test
    void theEntryScriptsParseAndStartClassesTheLauncherHas() throws Exception {
        for (String name : List.of("tensor-wasm", "tensor-wasm-cli")) {
            Path script = Path.of("docker", name);
            assertThat(Files.isExecutable(script)).as(name + " is executable").isTrue();
            assertThat(shellSyntax(Files.readString(script))).as(name).isEmpty();
            Matcher exec = EXEC_CLASS.matcher(Files.readString(script));
            assertThat(exec.find()).as(name + " execs java -cp JAR CLASS \"$@\"").isTrue();
            assertThat(exec.group(1)).isEqualTo(JAR);
            assertThat(LAUNCHER.resolve(exec.group(2).replace('.', '/') + ".java"))
                    .as(name + " starts " + exec.group(2))
                    .isRegularFile();
        }
        assertThat(shellSyntax("exec java -cp x Main \"$@\nfi\n"))
                .as("the check can fail")
                .isNotEmpty();
    }

    @Test
    void composesEnvExampleSetsTheTagTheComposeFileDefaultsTo() throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("compose/.env.example"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                assertThat(line).as("KEY=VALUE").matches("[A-Z_]+=\\S+");
                env.put(
                        line.substring(0, line.indexOf('=')),
                        line.substring(line.indexOf('=') + 1));
            }
        }
        String image =
                new ObjectMapper(new YAMLFactory())
                        .readTree(Path.of("compose/docker-compose.yml").toFile())
                        .at("/services/tensor-wasm/image")
                        .asText();

        assertThat(env).containsOnlyKeys(ComposeTarget.TAG);
        assertThat(image)
                .endsWith(":${" + ComposeTarget.TAG + ":-" + env.get(ComposeTarget.TAG) + "}");
        assertThat(deployment().getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .endsWith(":" + env.get(ComposeTarget.TAG));
    }

    /** Each instruction's arguments by keyword; continued lines joined, comments left out. */
    static Map<String, String> instructions(String dockerfile) {
        Map<String, String> byKeyword = new LinkedHashMap<>();
        String joined = dockerfile.replaceAll("\\\\\\n", " ");
        for (String line : joined.lines().toList()) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            String[] parts = text.split("\\s+", 2);
            byKeyword.merge(parts[0], parts.length > 1 ? parts[1] : "", (a, b) -> a + "\n" + b);
        }
        return byKeyword;
    }

    /**
     * The COPY sources that neither the repository nor the launcher's build holds, as paths from
     * the repository root, where {@code docker build} runs.
     */
    static List<String> missingSources(String dockerfile) {
        List<String> missing = new ArrayList<>();
        for (String copy : instructions(dockerfile).getOrDefault("COPY", "").lines().toList()) {
            List<String> words = List.of(copy.split("\\s+"));
            for (String source : words.subList(0, words.size() - 1)) {
                boolean built = source.equals("launcher/target/twops.jar");
                if (!built && !Files.exists(Path.of("..").resolve(source))) {
                    missing.add(source);
                }
            }
        }
        return missing;
    }

    private static List<String> json(String array) throws IOException {
        return new ObjectMapper().readValue(array, new TypeReference<>() {});
    }

    private static Deployment deployment() throws IOException {
        List<HasMetadata> objects = Kube.readFile(Path.of("k8s/20-deployment.yaml"));
        return Kube.one(objects, Deployment.class);
    }

    private static String javaRelease() throws IOException {
        Matcher release =
                Pattern.compile("<maven.compiler.release>(\\d+)</maven.compiler.release>")
                        .matcher(Files.readString(Path.of("../pom.xml")));
        assertThat(release.find()).isTrue();
        return release.group(1);
    }

    /** What {@code sh -n} says of a script: empty when it parses. */
    private static String shellSyntax(String script) throws Exception {
        Process process = new ProcessBuilder("sh", "-n").redirectErrorStream(true).start();
        process.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return process.exitValue() == 0
                ? ""
                : output.strip() + " (exit " + process.exitValue() + ")";
    }
}

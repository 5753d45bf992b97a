package io.tensorwasm.ops.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.tensorwasm.ops.engine.target.ComposeTarget;
import io.tensorwasm.ops.engine.target.KubernetesTarget;
import io.tensorwasm.ops.engine.target.SystemdTarget;
import io.tensorwasm.ops.testkit.Tool;
import io.tensorwasm.ops.testkit.Tools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #18: each file of {@code deploy/} checked with what runs here. The systemd unit by {@code
 * systemd-analyze verify}; the Kubernetes manifests and the Helm chart's rendered templates read
 * into fabric8's Kubernetes model with their required fields asserted; the Compose file validated
 * against the Compose Specification's JSON schema. Each check is shown to fail on a broken copy.
 * Helm itself is not run: Debian ships no Helm package, so {@link ChartTemplates} renders the
 * chart's subset of Go templates.
 */
class DeployAssetsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path CHART = Path.of("helm/tensor-wasm");

    @TempDir Path dir;

    /**
     * Every file of {@code deploy/} and the test that checks it, so a file added without a check
     * fails here.
     */
    private static final Map<String, String> CHECKED =
            Map.ofEntries(
                    Map.entry("README.md", "RunbookCommandsTest: its commands"),
                    Map.entry("compose/.env.example", "DockerImageTest"),
                    Map.entry("compose/docker-compose.yml", "the Compose schema"),
                    Map.entry("docker/Dockerfile", "DockerImageTest"),
                    Map.entry("docker/tensor-wasm", "DockerImageTest: sh -n"),
                    Map.entry("docker/tensor-wasm-cli", "DockerImageTest: sh -n"),
                    Map.entry("helm/tensor-wasm/Chart.yaml", "the chart's tests"),
                    Map.entry("helm/tensor-wasm/values.yaml", "the chart's tests"),
                    Map.entry("helm/tensor-wasm/templates/deployment.yaml", "rendered"),
                    Map.entry("helm/tensor-wasm/templates/pvc.yaml", "rendered"),
                    Map.entry("helm/tensor-wasm/templates/secret.yaml", "rendered"),
                    Map.entry("helm/tensor-wasm/templates/service.yaml", "rendered"),
                    Map.entry("k8s/00-namespace.yaml", "fabric8"),
                    Map.entry("k8s/10-pvc.yaml", "fabric8"),
                    Map.entry("k8s/20-deployment.yaml", "fabric8"),
                    Map.entry("k8s/30-service.yaml", "fabric8"),
                    Map.entry("systemd/env.example", "theSystemdUnitIsWhatTheSystemdTargetDrives"),
                    Map.entry("systemd/tensor-wasm.service", "systemd-analyze verify"));

    @Test
    void everyFileOfDeployHasItsCheck() throws IOException {
        List<String> files;
        try (Stream<Path> walk = Files.walk(Path.of("."))) {
            files =
                    walk.filter(Files::isRegularFile)
                            .map(f -> Path.of(".").relativize(f).toString())
                            .filter(f -> !f.startsWith("src/") && !f.startsWith("target/"))
                            .filter(f -> !f.equals("pom.xml"))
                            .sorted()
                            .toList();
        }
        assertThat(files).containsExactlyInAnyOrderElementsOf(CHECKED.keySet());
    }

    // ---- systemd ----

    @Test
    void theSystemdUnitVerifiesWithSystemdAnalyze() throws Exception {
        Path unit = Path.of("systemd/tensor-wasm.service");
        assertThat(verify(Files.readString(unit))).isEmpty();
        assertThat(verify(Files.readString(unit).replace("ProtectHome=yes", "ProtectHom=yes")))
                .as("the check can fail")
                .contains("Unknown key 'ProtectHom' in section [Service]");
    }

    @Test
    void theSystemdUnitIsWhatTheSystemdTargetDrives() throws Exception {
        String unit = Files.readString(Path.of("systemd/tensor-wasm.service"));
        assertThat(unit)
                .contains(
                        "ExecStart="
                                + SystemdTarget.LINK
                                + " serve --bind 127.0.0.1 --port 8080 --data-dir /var/lib/tensor-wasm/data")
                .contains("EnvironmentFile=" + SystemdTarget.ENV_FILE)
                .contains("User=tensor-wasm")
                .contains("UMask=0077");
        assertThat(Files.readString(Path.of("systemd/env.example")))
                .contains("TENSOR_WASM_API_AUDIT_LOG=file:" + SystemdTarget.AUDIT_LOG);
    }

    /**
     * systemd-analyze verify on the unit in a scratch root that has the binary and systemd's own
     * units.
     */
    private String verify(String unit) throws Exception {
        Path analyze = Tools.system().locate(Tool.SYSTEMD_ANALYZE);
        Path root = Files.createTempDirectory(dir, "root");
        Path bin = Files.createDirectories(root.resolve("usr/local/bin"));
        Files.writeString(bin.resolve("tensor-wasm"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(
                bin.resolve("tensor-wasm"), PosixFilePermissions.fromString("rwxr-xr-x"));
        copy(
                Path.of("/usr/lib/systemd/system"),
                Files.createDirectories(root.resolve("usr/lib/systemd/system")));
        Path units = Files.createDirectories(root.resolve("etc/systemd/system"));
        Files.writeString(units.resolve("tensor-wasm.service"), unit);
        Process process =
                new ProcessBuilder(
                                analyze.toString(),
                                "verify",
                                "--root=" + root,
                                "/etc/systemd/system/tensor-wasm.service")
                        .redirectErrorStream(true)
                        .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output.strip();
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                if (Files.isRegularFile(file) && !Files.isSymbolicLink(file)) {
                    Files.copy(file, to.resolve(file.getFileName()));
                } else if (Files.isSymbolicLink(file)) {
                    Files.createSymbolicLink(
                            to.resolve(file.getFileName()), Files.readSymbolicLink(file));
                }
            }
        }
    }

    // ---- Kubernetes manifests ----

    @Test
    void theManifestsAreKubernetesObjectsWithTheFieldsTheTargetNeeds() throws IOException {
        List<HasMetadata> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("k8s"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                all.addAll(Kube.readFile(file));
            }
        }
        assertThat(Kube.one(all, Namespace.class).getMetadata().getName()).isEqualTo("tensor-wasm");
        Deployment deployment = Kube.one(all, Deployment.class);
        assertDeployment(
                deployment, "tensor-wasm", "tensor-wasm-state", "tensor-wasm-tokens", "v0.1.0");
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
        assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("Recreate");
        assertService(Kube.one(all, Service.class), deployment);
        assertThat(Kube.one(all, PersistentVolumeClaim.class).getMetadata().getName())
                .isEqualTo("tensor-wasm-state");
        assertThat(all)
                .allMatch(
                        o ->
                                "tensor-wasm".equals(o.getMetadata().getNamespace())
                                        || o instanceof Namespace);
    }

    @Test
    void aMisspeltFieldOrAWrongTypeIsCaught() {
        assertThatThrownBy(
                        () ->
                                Kube.read(
                                        "apiVersion: v1\nkind: Service\nmetadata:\n  name: x\nspec:\n  selectr: {a: b}\n",
                                        "broken.yaml"))
                .hasMessageContaining("unknown fields [Service.Spec.selectr]");
        assertThatThrownBy(
                        () ->
                                Kube.read(
                                        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  replicas: [1]\n",
                                        "broken.yaml"))
                .hasMessageContaining("broken.yaml: not Kubernetes YAML");
    }

    private static void assertDeployment(
            Deployment deployment, String name, String claim, String secret, String tag) {
        assertThat(deployment.getMetadata().getName()).isEqualTo(name);
        Map<String, String> podLabels =
                deployment.getSpec().getTemplate().getMetadata().getLabels();
        assertThat(podLabels)
                .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
        var pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        Container container = pod.getContainers().get(0);
        assertThat(container.getName()).isEqualTo(KubernetesTarget.CONTAINER);
        assertThat(container.getImage()).isEqualTo(KubernetesTarget.IMAGE + ":" + tag);
        assertThat(container.getArgs())
                .containsExactly(
                        "serve",
                        "--bind",
                        "0.0.0.0",
                        "--port",
                        "8080",
                        "--data-dir",
                        "/var/lib/tensor-wasm/data");
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        EnvVar tokens = env(container, "TENSOR_WASM_API_TOKENS");
        assertThat(tokens.getValue()).as("never a token in the manifest").isNull();
        assertThat(tokens.getValueFrom().getSecretKeyRef().getName()).isEqualTo(secret);
        assertThat(env(container, "TENSOR_WASM_API_AUDIT_LOG").getValue())
                .isEqualTo("file:/var/lib/tensor-wasm/audit.log");
        assertThat(container.getVolumeMounts())
                .anyMatch(m -> m.getMountPath().equals("/var/lib/tensor-wasm"));
        if (claim == null) {
            assertThat(pod.getVolumes())
                    .anyMatch(v -> v.getName().equals("state") && v.getEmptyDir() != null);
        } else {
            assertThat(pod.getVolumes())
                    .anyMatch(
                            v ->
                                    v.getName().equals("state")
                                            && v.getPersistentVolumeClaim()
                                                    .getClaimName()
                                                    .equals(claim));
        }
    }

    private static void assertService(Service service, Deployment deployment) {
        assertThat(service.getMetadata().getName()).isEqualTo(deployment.getMetadata().getName());
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(service.getSpec().getSelector());
        assertThat(service.getSpec().getPorts().get(0).getPort()).isEqualTo(8080);
        assertThat(service.getSpec().getPorts().get(0).getTargetPort().getStrVal())
                .isEqualTo("http");
    }

    private static EnvVar env(Container container, String name) {
        return container.getEnv().stream()
                .filter(e -> e.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no env " + name));
    }

    // ---- Helm chart ----

    @Test
    void theChartsValuesAreNamedAsTheSeedsNameThem() throws IOException {
        JsonNode values = YAML.readTree(CHART.resolve("values.yaml").toFile());
        assertThat(values.at("/replicaCount").asInt()).isEqualTo(1);
        assertThat(values.at("/strategy/type").asText()).isEqualTo("Recreate");
        assertThat(values.at("/persistence/existingClaim").isTextual()).isTrue();
        assertThat(values.at("/auth/existingSecret").isTextual()).isTrue();
        assertThat(values.at("/extraEnv").isArray()).isTrue();
        assertThat(values.at("/image/tag").isTextual()).isTrue();
        assertThat(values.at("/image/repository").asText()).isEqualTo(KubernetesTarget.IMAGE);
    }

    @Test
    void theChartRendersWithItsDefaultsAndATokenIntoTheSameShapeAsTheManifests()
            throws IOException {
        List<HasMetadata> all =
                renderChart("tensor-wasm", Map.of("auth", Map.of("tokens", "adm:tenant=*")));

        Deployment deployment = Kube.one(all, Deployment.class);
        assertDeployment(
                deployment, "tensor-wasm", "tensor-wasm-state", "tensor-wasm-tokens", "v0.1.0");
        assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("Recreate");
        assertService(Kube.one(all, Service.class), deployment);
        assertThat(Kube.one(all, Secret.class).getStringData())
                .containsEntry("TENSOR_WASM_API_TOKENS", "adm:tenant=*");
        assertThat(
                        Kube.one(all, PersistentVolumeClaim.class)
                                .getSpec()
                                .getResources()
                                .getRequests()
                                .get("storage")
                                .toString())
                .isEqualTo("10Gi");
    }

    @Test
    void theChartTakesEachSeedValue() throws IOException {
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("replicaCount", 3);
        overrides.put("strategy", Map.of("type", "RollingUpdate"));
        overrides.put("image", Map.of("tag", "v0.2.0"));
        overrides.put("persistence", Map.of("existingClaim", "tensor-wasm-state-restored"));
        overrides.put("auth", Map.of("existingSecret", "site-tokens"));
        overrides.put(
                "extraEnv",
                List.of(
                        Map.of(
                                "name",
                                "OTEL_EXPORTER_OTLP_ENDPOINT",
                                "value",
                                "http://otel:4318")));

        List<HasMetadata> all = renderChart("tensor-wasm-green", overrides);

        Deployment deployment = Kube.one(all, Deployment.class);
        assertDeployment(
                deployment,
                "tensor-wasm-green",
                "tensor-wasm-state-restored",
                "site-tokens",
                "v0.2.0");
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
        assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
        assertThat(
                        env(
                                        deployment
                                                .getSpec()
                                                .getTemplate()
                                                .getSpec()
                                                .getContainers()
                                                .get(0),
                                        "OTEL_EXPORTER_OTLP_ENDPOINT")
                                .getValue())
                .isEqualTo("http://otel:4318");
        assertThat(all).noneMatch(o -> o instanceof Secret || o instanceof PersistentVolumeClaim);
    }

    @Test
    void theChartRefusesToRenderWithoutTokensForItsSecret() {
        assertThatThrownBy(() -> renderChart("tensor-wasm", Map.of()))
                .hasMessage(
                        "required: set auth.tokens (TOKEN:tenant=ID,...) or auth.existingSecret: an"
                                + " empty TENSOR_WASM_API_TOKENS is dev mode");
    }

    @Test
    void theRendererRefusesWhatItDoesNotRender() {
        assertThatThrownBy(() -> ChartTemplates.render("{{ include \"x\" . }}", Map.of()))
                .hasMessage("outside the subset: include \"x\" .");
        assertThatThrownBy(() -> ChartTemplates.render("{{ range .Values.x }}{{ end }}", Map.of()))
                .hasMessageStartingWith("outside the subset");
    }

    /**
     * Every template rendered for a release in namespace tensor-wasm, values merged over the
     * chart's.
     */
    static List<HasMetadata> renderChart(String release, Map<String, Object> overrides)
            throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> values =
                YAML.readValue(CHART.resolve("values.yaml").toFile(), Map.class);
        merge(values, overrides);
        @SuppressWarnings("unchecked")
        Map<String, Object> chart = YAML.readValue(CHART.resolve("Chart.yaml").toFile(), Map.class);
        Map<String, Object> top =
                Map.of(
                        "Values", values,
                        "Release", Map.of("Name", release, "Namespace", "tensor-wasm"),
                        "Chart",
                                Map.of(
                                        "Name",
                                        chart.get("name"),
                                        "AppVersion",
                                        chart.get("appVersion")));
        List<HasMetadata> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(CHART.resolve("templates"))) {
            for (Path file : files.sorted().toList()) {
                String rendered = ChartTemplates.render(Files.readString(file), top);
                all.addAll(Kube.read(rendered, file + " rendered"));
            }
        }
        return all;
    }

    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> base, Map<String, Object> over) {
        over.forEach(
                (k, v) -> {
                    if (v instanceof Map<?, ?> m && base.get(k) instanceof Map<?, ?> b) {
                        Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) b);
                        merge(copy, (Map<String, Object>) m);
                        base.put(k, copy);
                    } else {
                        base.put(k, v);
                    }
                });
    }

    // ---- Compose ----

    @Test
    void theComposeFileIsValidByTheComposeSpecificationsSchema() throws IOException {
        Path file = Path.of("compose/docker-compose.yml");
        assertThat(validateCompose(Files.readString(file))).isEmpty();
        assertThat(
                        validateCompose(
                                Files.readString(file)
                                        .replace(
                                                "    restart: unless-stopped\n",
                                                "    restart: unless-stopped\n    restrat: always\n")))
                .as("the check can fail")
                .anyMatch(e -> e.contains("restrat"));
        JsonNode compose = YAML.readTree(file.toFile());
        JsonNode service = compose.at("/services/tensor-wasm");
        assertThat(service.isObject()).isTrue();
        assertThat(service.at("/image").asText())
                .isEqualTo(KubernetesTarget.IMAGE + ":${" + ComposeTarget.TAG + ":-v0.1.0}");
        assertThat(service.at("/ports/0").asText())
                .as("loopback by default")
                .startsWith("127.0.0.1:");
        assertThat(service.at("/environment/TENSOR_WASM_API_AUDIT_LOG").asText())
                .isEqualTo("file:/var/lib/tensor-wasm/audit.log");
    }

    private static List<String> validateCompose(String yaml) throws IOException {
        JsonNode spec;
        try (InputStream in =
                DeployAssetsTest.class.getResourceAsStream("/compose-spec/compose-spec.json")) {
            spec = new ObjectMapper().readTree(in);
        }
        // Its $id is a bare file name, which the validator refuses as a base; the schema's own
        // references are all local (#/definitions/...), so it needs none.
        ((ObjectNode) spec).remove("$id");
        Schema schema =
                SchemaRegistry.withDefaultDialect(Dialects.getDraft7())
                        .getSchema(
                                SchemaLocation.of("classpath:compose-spec/compose-spec.json"),
                                spec);
        return schema.validate(YAML.readTree(yaml)).stream().map(Error::toString).toList();
    }
}

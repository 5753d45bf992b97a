package io.tensorwasm.ops.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.tensorwasm.ops.engine.model.Action.Operation;
import io.tensorwasm.ops.engine.target.ComposeTarget;
import io.tensorwasm.ops.engine.target.KubernetesTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue #18: the {@code helm}, {@code kubectl} and {@code docker compose} commands that the
 * runbooks and the deployment guide tell a person to type, and the ones the Kubernetes and Compose
 * target adapters run, name what {@code deploy/} really holds: its chart path and values, its
 * namespace, Deployment, Service, container, labels, Compose file and service.
 */
class RunbookCommandsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern COMMAND =
            Pattern.compile(
                    "\\b(helm (?:upgrade|install|rollback|diff upgrade|get values|history)|kubectl(?: --context=\\S+)? -n|docker compose -f)\\b[^`\\n|]*");

    /** Every command line in the runbooks, the deployment guide and deploy/'s own notes. */
    private static List<String> commands() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> pages = Files.list(Path.of("../runbooks/src/main/resources/runbooks"))) {
            files.addAll(pages.filter(p -> p.toString().endsWith(".md")).sorted().toList());
        }
        files.add(Path.of("../docs/DEPLOYMENT.md"));
        files.add(Path.of("README.md"));
        List<String> found = new ArrayList<>();
        for (Path file : files) {
            Matcher m = COMMAND.matcher(Files.readString(file).replace("\\\n", " "));
            while (m.find()) {
                found.add(file.getFileName() + ": " + m.group().strip());
            }
        }
        return found;
    }

    @Test
    void everyHelmKubectlAndComposeCommandNamesWhatDeployHolds() throws IOException {
        List<String> commands = commands();
        assertThat(commands)
                .anyMatch(c -> c.contains("helm upgrade"))
                .anyMatch(c -> c.contains("kubectl"))
                .anyMatch(c -> c.contains("docker compose"));
        List<String> problems = new ArrayList<>();
        for (String command : commands) {
            problems.addAll(check(command));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theCheckCanFail() throws IOException {
        assertThat(
                        check(
                                "x.md: helm upgrade tensor-wasm ./deploy/helm/tensorwasm -n tensor-wasm --set image.tags=v1"))
                .containsExactly(
                        "x.md: helm upgrade tensor-wasm ./deploy/helm/tensorwasm -n tensor-wasm --set image.tags=v1: no chart at ./deploy/helm/tensorwasm",
                        "x.md: helm upgrade tensor-wasm ./deploy/helm/tensorwasm -n tensor-wasm --set image.tags=v1: image.tags is no value of the chart");
        assertThat(check("x.md: kubectl -n tensorwasm rollout status deployment/tensor-wasm-api"))
                .containsExactly(
                        "x.md: kubectl -n tensorwasm rollout status deployment/tensor-wasm-api: namespace tensorwasm is not the manifests' tensor-wasm",
                        "x.md: kubectl -n tensorwasm rollout status deployment/tensor-wasm-api: no Deployment tensor-wasm-api in deploy/");
        assertThat(check("x.md: docker compose -f docker-compose.yml up -d --no-deps runtime"))
                .containsExactly(
                        "x.md: docker compose -f docker-compose.yml up -d --no-deps runtime: no Compose service runtime");
    }

    @Test
    void theTargetAdaptersRunCommandsThatNameWhatDeployHolds() throws IOException {
        KubernetesTarget helm =
                new KubernetesTarget("tensor-wasm", "tensor-wasm", "", 1)
                        .withHelm(
                                "tensor-wasm",
                                "./deploy/helm/tensor-wasm",
                                Path.of("values.saved.yaml"));
        KubernetesTarget plain = new KubernetesTarget("tensor-wasm", "tensor-wasm", "", 1);
        ComposeTarget compose =
                new ComposeTarget(Path.of("compose/docker-compose.yml"), "tensor-wasm");
        List<String> problems = new ArrayList<>();
        for (Operation op : Operation.values()) {
            for (KubernetesTarget target : List.of(helm, plain)) {
                if (target.manual(op).isEmpty()) {
                    for (List<String> command : target.commands(op, "v0.2.0")) {
                        problems.addAll(check("adapter: " + String.join(" ", command)));
                    }
                }
            }
            for (List<String> command : compose.commands(op)) {
                problems.addAll(
                        check(
                                "adapter: "
                                        + String.join(" ", command)
                                                .replace(
                                                        Path.of("compose/docker-compose.yml")
                                                                .toAbsolutePath()
                                                                .toString(),
                                                        "docker-compose.yml")));
            }
        }
        assertThat(problems).isEmpty();
        // kubectl set image names the manifests' container; the image is theirs.
        Deployment manifest =
                Kube.one(Kube.readFile(Path.of("k8s/20-deployment.yaml")), Deployment.class);
        assertThat(manifest.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .startsWith(KubernetesTarget.IMAGE + ":");
    }

    private static List<String> check(String line) throws IOException {
        List<String> problems = new ArrayList<>();
        String command = line.substring(line.indexOf(": ") + 2);
        List<String> words = List.of(command.split("\\s+"));
        if (command.startsWith("helm ") || command.startsWith("kubectl")) {
            namespace(words)
                    .filter(n -> !n.equals("tensor-wasm"))
                    .ifPresent(
                            n ->
                                    problems.add(
                                            line
                                                    + ": namespace "
                                                    + n
                                                    + " is not the manifests' tensor-wasm"));
        }
        if (command.startsWith("helm ")) {
            chartPath(words)
                    .filter(p -> !Files.isDirectory(Path.of(p.replaceFirst("^\\./deploy/", ""))))
                    .ifPresent(p -> problems.add(line + ": no chart at " + p));
            for (int i = 0; i < words.size() - 1; i++) {
                if (words.get(i).equals("--set")) {
                    String key = words.get(i + 1).substring(0, words.get(i + 1).indexOf('='));
                    if (values().at("/" + key.replace('.', '/')).isMissingNode()) {
                        problems.add(line + ": " + key + " is no value of the chart");
                    }
                }
            }
        } else if (command.startsWith("kubectl")) {
            Set<String> deployments = deployments();
            Matcher deployment =
                    Pattern.compile("(?:deployment|deploy)/([a-z0-9-]+)").matcher(command);
            while (deployment.find()) {
                if (!deployments.contains(deployment.group(1))) {
                    problems.add(line + ": no Deployment " + deployment.group(1) + " in deploy/");
                }
            }
            Matcher service = Pattern.compile("(?:svc/|service )([a-z0-9-]+)").matcher(command);
            while (service.find()) {
                if (!service.group(1).equals("tensor-wasm")) {
                    problems.add(line + ": no Service " + service.group(1) + " in deploy/");
                }
            }
            Matcher selector = Pattern.compile("\"selector\":\\{\"([^\"]+)\"").matcher(command);
            while (selector.find()) {
                if (!Files.readString(Path.of("helm/tensor-wasm/templates/deployment.yaml"))
                        .contains(selector.group(1) + ":")) {
                    problems.add(line + ": the pods have no label " + selector.group(1));
                }
            }
            Matcher container = Pattern.compile("set image \\S+ ([a-z0-9-]+)=").matcher(command);
            while (container.find()) {
                if (!container.group(1).equals(KubernetesTarget.CONTAINER)) {
                    problems.add(line + ": no container " + container.group(1));
                }
            }
        } else if (command.startsWith("docker compose")) {
            String file = words.get(words.indexOf("-f") + 1);
            if (!Path.of(file).getFileName().toString().equals("docker-compose.yml")) {
                problems.add(line + ": no Compose file " + file);
            }
            JsonNode services =
                    YAML.readTree(Path.of("compose/docker-compose.yml").toFile()).get("services");
            String last = words.get(words.size() - 1);
            if (!last.startsWith("-")
                    && Set.of("up", "ps", "pull", "stop", "restart", "logs", "exec", "kill")
                            .stream()
                            .anyMatch(words::contains)
                    && !services.has(last)
                    && !words.contains("exec")) {
                problems.add(line + ": no Compose service " + last);
            }
            if (words.contains("exec")
                    && !services.has(
                            words.get(words.indexOf("exec") + (words.contains("-T") ? 2 : 1)))) {
                problems.add(line + ": no Compose service to exec in");
            }
        }
        return problems;
    }

    private static java.util.Optional<String> chartPath(List<String> words) {
        return words.stream().filter(w -> w.startsWith("./deploy/")).findFirst();
    }

    private static java.util.Optional<String> namespace(List<String> words) {
        int at = words.indexOf("-n");
        return at < 0 || at + 1 >= words.size()
                ? java.util.Optional.empty()
                : java.util.Optional.of(words.get(at + 1));
    }

    private static JsonNode values() throws IOException {
        return YAML.readTree(Path.of("helm/tensor-wasm/values.yaml").toFile());
    }

    /**
     * The Deployments of the manifests and of the chart, rendered as the releases the runbooks
     * name.
     */
    private static Set<String> deployments() throws IOException {
        Set<String> names = new java.util.TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("k8s"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                Kube.readFile(file).stream()
                        .filter(o -> o instanceof Deployment)
                        .map(o -> o.getMetadata().getName())
                        .forEach(names::add);
            }
        }
        for (String release : List.of("tensor-wasm", "tensor-wasm-green")) {
            List<HasMetadata> rendered =
                    DeployAssetsTest.renderChart(
                            release, Map.of("auth", Map.of("tokens", "t:tenant=*")));
            rendered.stream()
                    .filter(o -> o instanceof Deployment)
                    .map(o -> o.getMetadata().getName())
                    .forEach(names::add);
        }
        return names;
    }
}

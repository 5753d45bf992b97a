package io.tensorwasm.ops.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tensorwasm.ops.alerts.BaseUrls;
import io.tensorwasm.ops.alerts.Rule;
import io.tensorwasm.ops.alerts.RuleFiles;
import io.tensorwasm.ops.alerts.SloSpec;
import io.tensorwasm.ops.testkit.FreePort;
import io.tensorwasm.ops.testkit.HarnessClient;
import io.tensorwasm.ops.testkit.ManagedProcess;
import io.tensorwasm.ops.testkit.WasmCorpus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Command one of the README, as a real process from the real {@code twops.jar}: the whole loop
 * starts, answers, is used, stops without leaving a process behind, and starts again.
 */
class StartCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    private final int runtimePort = FreePort.next();
    private final int consolePort = FreePort.next();
    private final int prometheusPort = FreePort.next();
    private final int alertmanagerPort = FreePort.next();

    private Path data() {
        return dir.resolve("data");
    }

    @Test
    void startsTheWholeLoopPrintsOnlyAnsweringUrlsAndKeepsFunctionsAcrossRestarts()
            throws Exception {
        String id;
        List<Long> children;
        Instant launched = Instant.now();
        ManagedProcess twops = start(Map.of());
        Duration startToReport = Duration.between(launched, Instant.now());
        Path firstLog = twops.log();
        try {
            String output = Files.readString(twops.log());
            assertThat(output)
                    .contains("starting the runtime, Prometheus, Alertmanager and the console...")
                    .contains("  console       http://127.0.0.1:" + consolePort + "/\n")
                    .contains("  runtime       http://127.0.0.1:" + runtimePort + "/\n")
                    .contains(
                            "  prometheus    http://127.0.0.1:"
                                    + prometheusPort
                                    + "/  scrapes the runtime every 5s with the production"
                                    + " rules")
                    .contains(
                            "  alertmanager  http://127.0.0.1:"
                                    + alertmanagerPort
                                    + "/  routes pages and tickets to the console")
                    .contains(
                            "  sign in       with the token in "
                                    + data().resolve("console-admin-token"))
                    .contains(
                            "  running       the console, the runtime, Prometheus, Alertmanager\n")
                    .doesNotContain("not running");
            String runtimeToken = Files.readString(data().resolve("runtime-admin-token")).strip();
            String consoleToken = Files.readString(data().resolve("console-admin-token")).strip();
            String webhookToken =
                    Files.readString(data().resolve("alertmanager-webhook-token")).strip();
            assertThat(output)
                    .doesNotContain(runtimeToken)
                    .doesNotContain(consoleToken)
                    .doesNotContain(webhookToken)
                    .contains(
                            "  alerts        Alertmanager posts to http://127.0.0.1:"
                                    + consolePort
                                    + "/hooks/alertmanager with the bearer token in "
                                    + data().resolve("alertmanager-webhook-token"))
                    .contains(
                            "  paging        no rotation: pages are recorded as \"nobody was"
                                    + " paged\"");
            for (String secret :
                    List.of(
                            "runtime-admin-token",
                            "alertmanager-webhook-token",
                            "prometheus/prometheus.yml",
                            "prometheus/tensor-wasm.rules.yml",
                            "alertmanager/alertmanager.yml")) {
                assertThat(Files.getPosixFilePermissions(data().resolve(secret)))
                        .as(secret)
                        .isEqualTo(
                                Set.of(
                                        PosixFilePermission.OWNER_READ,
                                        PosixFilePermission.OWNER_WRITE));
            }
            assertPrometheusScrapesTheRuntimeWithTheShippedRules();
            assertAlertmanagerRoutesToThisConsole();
            assertThePlanReadsLivePromqlValuesWithoutFlags();
            assertTheConsoleReadsPrometheusAndAlertmanager(consoleToken);

            HarnessClient runtime = HarnessClient.of(runtimePort).withToken(runtimeToken);
            HttpResponse<String> created =
                    runtime.postJson(
                            "/functions",
                            "{\"name\":\"adder\",\"wasm_b64\":\""
                                    + WasmCorpus.base64("ok")
                                    + "\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            id = created.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
            assertThat(HarnessClient.of(consolePort).get("/healthz").statusCode()).isEqualTo(200);
            children = List.copyOf(LoopProcesses.childPids(data()).values());
            assertThat(children).as("runtime, Prometheus and Alertmanager pids").hasSize(3);
            System.out.printf(
                    "StartCommandIT: launch to the start report %.1f s; resident memory once"
                            + " everything answered: %s%n",
                    startToReport.toMillis() / 1000.0, LoopProcesses.rss(twops.pid(), data()));
        } finally {
            twops.close(); // SIGTERM, as a service manager stops it; Ctrl-C runs the same hook
        }
        assertThat(LoopProcesses.alive(children))
                .as("children still alive after twops stopped")
                .isEmpty();
        LoopProcesses.assertNoneRuns(data());
        assertThat(data().resolve(LoopUrls.FILE)).as("removed when twops stops").doesNotExist();
        assertThat(Files.readString(firstLog))
                .as("what twops printed until it stopped on SIGTERM")
                .doesNotContain("Exception in thread");

        try (ManagedProcess again = start(Map.of())) {
            String runtimeToken = Files.readString(data().resolve("runtime-admin-token")).strip();
            HttpResponse<String> invoked =
                    HarnessClient.of(runtimePort)
                            .withToken(runtimeToken)
                            .postJson(
                                    "/functions/" + id + "/invoke",
                                    "{\"export\":\"add\",\"args\":[2,3]}");
            assertThat(invoked.statusCode()).isEqualTo(200);
            assertThat(invoked.body()).isEqualTo("{\"result\":[5]}");
            assertThat(Files.readString(again.log()))
                    .doesNotContain("issued the first console admin");
            StringWriter tokens = new StringWriter();
            new CommandLine(new TwopsCommand())
                    .setOut(new PrintWriter(tokens))
                    .execute("token", "list", "--data-dir", data().toString());
            assertThat(tokens.toString().lines().filter(l -> l.contains("readiness drills on ")))
                    .as("one drills probe token, this start's, whatever the last stop left")
                    .hasSize(1);
        }
        LoopProcesses.assertNoneRuns(data());
    }

    @Test
    void aConsoleThatCannotStartSaysWhyAndStopsEveryChildItStarted() throws Exception {
        try (ServerSocket taken =
                        new ServerSocket(consolePort, 1, InetAddress.getLoopbackAddress());
                ManagedProcess twops = launch(Map.of())) {
            assertThat(taken.isBound()).as("the console's port, held by another program").isTrue();
            awaitExit(twops);
            assertThat(twops.exitValue()).isEqualTo(1);
            assertThat(Files.readString(twops.log()))
                    .contains("twops start: the console did not start: ")
                    .contains("Address already in use")
                    .contains("; the runtime, Alertmanager and Prometheus were stopped again")
                    .doesNotContain("\tat ");
        }
        LoopProcesses.assertNoneRuns(data());
        assertPortsFree(runtimePort, prometheusPort, alertmanagerPort);
    }

    @Test
    void aPrometheusThatCannotStartSaysWhyAndStopsTheRuntimeAlertmanagerAndConsole()
            throws Exception {
        try (ServerSocket taken =
                        new ServerSocket(prometheusPort, 1, InetAddress.getLoopbackAddress());
                ManagedProcess twops = launch(Map.of())) {
            assertThat(taken.isBound()).isTrue();
            awaitExit(twops);
            assertThat(twops.exitValue()).isEqualTo(1);
            assertThat(Files.readString(twops.log()))
                    .contains("twops start: Prometheus did not start: pid ")
                    .contains(" before http://127.0.0.1:" + prometheusPort + "/-/ready answered")
                    .contains("logs/prometheus.log: ")
                    .contains("address already in use")
                    .contains("; the runtime and Alertmanager were stopped again")
                    .doesNotContain("\tat ")
                    .doesNotContain("Ctrl-C stops everything");
            assertThat(Files.readString(data().resolve("logs/prometheus.log")))
                    .contains("address already in use");
        }
        LoopProcesses.assertNoneRuns(data());
        assertPortsFree(runtimePort, consolePort, alertmanagerPort);
    }

    @Test
    void withoutPrometheusAndAlertmanagerInstalledItSaysHowToInstallThemAndStartsTheRest()
            throws Exception {
        Path emptyPath = Files.createDirectories(dir.resolve("no-tools"));
        try (ManagedProcess twops = start(Map.of("PATH", emptyPath.toString()))) {
            String output = Files.readString(twops.log());
            assertThat(output)
                    .contains("starting the runtime and the console...")
                    .contains(
                            "  Prometheus is not installed (prometheus is not on PATH): install it"
                                    + " with bin/install-tools prometheus or sudo apt-get install"
                                    + " prometheus; starting without it\n")
                    .contains(
                            "  Alertmanager is not installed (prometheus-alertmanager or"
                                    + " alertmanager is not on PATH): install it with"
                                    + " bin/install-tools prometheus-alertmanager or sudo apt-get"
                                    + " install prometheus-alertmanager; starting without it\n")
                    .contains("  running       the console, the runtime\n")
                    .contains(
                            "  not running   Prometheus (not installed); Alertmanager (not"
                                    + " installed)\n");
            assertThat(HarnessClient.of(runtimePort).get("/healthz").statusCode()).isEqualTo(200);
            assertThat(HarnessClient.of(consolePort).get("/healthz").statusCode()).isEqualTo(200);
        }
        LoopProcesses.assertNoneRuns(data());
    }

    private void assertPrometheusScrapesTheRuntimeWithTheShippedRules() throws Exception {
        HarnessClient prometheus = HarnessClient.of(prometheusPort);
        JsonNode target =
                awaitJson(
                        prometheus,
                        "/api/v1/targets",
                        json -> json.path("data").path("activeTargets").path(0),
                        t -> t.path("health").asText().equals("up"));
        // A target reads "up" as its scrape ends; its samples answer queries a moment later.
        awaitJson(
                prometheus,
                "/api/v1/query?query=tensor_wasm_build_info",
                json -> json.path("data").path("result"),
                result -> result.size() > 0);
        assertThat(target.path("labels").path("job").asText()).isEqualTo("tensor-wasm");
        assertThat(target.path("scrapeUrl").asText())
                .isEqualTo("http://127.0.0.1:" + runtimePort + "/metrics");

        List<Rule> shipped =
                RuleFiles.rules(
                        SloSpec.load(),
                        "production",
                        BaseUrls.of("http://127.0.0.1:" + consolePort, "http://127.0.0.1:3000"));
        List<String> expected = new ArrayList<>();
        List<String> runbookUrls = new ArrayList<>();
        shipped.stream()
                .filter(Rule::alert)
                .forEach(
                        r -> {
                            expected.add(r.name() + " for " + r.hold());
                            runbookUrls.add(r.annotations().get("runbook_url"));
                        });
        List<String> loaded = new ArrayList<>();
        List<String> loadedUrls = new ArrayList<>();
        JSON.readTree(prometheus.get("/api/v1/rules").body())
                .path("data")
                .path("groups")
                .forEach(
                        group ->
                                group.path("rules")
                                        .forEach(
                                                rule -> {
                                                    if (rule.path("type")
                                                            .asText()
                                                            .equals("alerting")) {
                                                        loaded.add(
                                                                rule.path("name").asText()
                                                                        + " for "
                                                                        + hold(rule));
                                                        loadedUrls.add(
                                                                rule.path("annotations")
                                                                        .path("runbook_url")
                                                                        .asText());
                                                    }
                                                }));
        assertThat(loaded).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(loadedUrls)
                .as("links into this console, on the port it really serves")
                .containsExactlyInAnyOrderElementsOf(runbookUrls)
                .allMatch(url -> url.startsWith("http://127.0.0.1:" + consolePort + "/runbooks/"));
    }

    /** The rule's hold as the rule file writes it: {@code 2m}, or empty for none. */
    private static String hold(JsonNode rule) {
        long seconds = rule.path("duration").asLong();
        if (seconds == 0) {
            return "";
        }
        return seconds % 3600 == 0
                ? seconds / 3600 + "h"
                : seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }

    private void assertAlertmanagerRoutesToThisConsole() throws Exception {
        JsonNode status =
                JSON.readTree(HarnessClient.of(alertmanagerPort).get("/api/v2/status").body());
        assertThat(status.path("cluster").path("status").asText())
                .as("gossip off: one port")
                .isEqualTo("disabled");
        String config = status.path("config").path("original").asText();
        assertThat(config)
                .contains("- name: console-page\n", "- name: console-ticket\n")
                .doesNotContain("/etc/tensor-wasm-ops/");
        assertThat(
                        config.split(
                                "url: http://127.0.0.1:" + consolePort + "/hooks/alertmanager\n",
                                -1))
                .as("both receivers post to this console's webhook")
                .hasSize(3);
        assertThat(
                        config.split(
                                "credentials_file: "
                                        + data().resolve("alertmanager-webhook-token")
                                                .toAbsolutePath()
                                        + "\n",
                                -1))
                .as("both send the console's webhook token file")
                .hasSize(3);
    }

    private void assertThePlanReadsLivePromqlValuesWithoutFlags() throws Exception {
        Path runbooks =
                Path.of("..", "runbooks", "src", "main", "resources", "runbooks").toAbsolutePath();
        try (ManagedProcess plan =
                ManagedProcess.start(
                        "twops-plan",
                        List.of(
                                LoopProcesses.java(),
                                "-cp",
                                LoopProcesses.shadedJar(),
                                TwopsCommand.class.getName(),
                                "runbook",
                                "plan",
                                "availability-fast-burn",
                                "--probe",
                                "--runbooks",
                                runbooks.normalize().toString()),
                        dir)) {
            awaitExit(plan);
            assertThat(plan.exitValue()).as(plan.tail()).isZero();
            assertThat(Files.readString(plan.log()))
                    .as("step 1 is PromQL that only Prometheus answers, read from ./data's loop")
                    .contains(
                            "promql count(count by (version)"
                                    + " (count_over_time(tensor_wasm_build_info[2h])))  -> value =="
                                    + " 1 within 30s [machine]\n"
                                    + "        probe: holds: value=1.0\n");
        }
    }

    private void assertTheConsoleReadsPrometheusAndAlertmanager(String token) throws Exception {
        HarnessClient console = HarnessClient.of(consolePort).withToken(token);
        assertThat(console.get("/").body())
                .as("the alert index reads Alertmanager")
                .contains("Source: Alertmanager at http://127.0.0.1:" + alertmanagerPort)
                .doesNotContain("did not answer");
        assertThat(console.get("/runbooks/availability-fast-burn").body())
                .as("the first-look queries read Prometheus: a value, or a labelled result's table")
                .containsAnyOf("<p class=\"value found\">", "<table class=\"grid labelled\"")
                .doesNotContain("configure a Prometheus URL");
    }

    /** Polls a JSON API until the part of its answer matches, for up to a minute. */
    private static JsonNode awaitJson(
            HarnessClient client,
            String path,
            java.util.function.Function<JsonNode, JsonNode> part,
            java.util.function.Predicate<JsonNode> ready)
            throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            last = part.apply(JSON.readTree(client.get(path).body()));
            if (ready.test(last)) {
                return last;
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
        throw new AssertionError(path + " did not get ready within 60 s; last: " + last);
    }

    private static void assertPortsFree(int... ports) throws Exception {
        for (int port : ports) {
            try (ServerSocket free = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertThat(free.getLocalPort()).as("port %d is free again", port).isEqualTo(port);
            }
        }
    }

    private static void awaitExit(ManagedProcess process) throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        while (process.isAlive() && Instant.now().isBefore(deadline)) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        assertThat(process.isAlive()).as("%s ended", process).isFalse();
    }

    private ManagedProcess start(Map<String, String> environment) {
        ManagedProcess twops = launch(environment);
        twops.awaitReady(
                "the start report",
                Duration.ofSeconds(120),
                () -> Files.readString(twops.log()).contains("Ctrl-C stops everything"));
        return twops;
    }

    private ManagedProcess launch(Map<String, String> environment) {
        List<String> command = new ArrayList<>(List.of("env"));
        environment.forEach((name, value) -> command.add(name + "=" + value));
        command.addAll(
                List.of(
                        LoopProcesses.java(),
                        "-cp",
                        LoopProcesses.shadedJar(),
                        TwopsCommand.class.getName(),
                        "start",
                        "--runtime-port",
                        Integer.toString(runtimePort),
                        "--console-port",
                        Integer.toString(consolePort),
                        "--prometheus-port",
                        Integer.toString(prometheusPort),
                        "--alertmanager-port",
                        Integer.toString(alertmanagerPort),
                        "--data-dir",
                        data().toString()));
        return ManagedProcess.start("twops-start", command, dir);
    }
}

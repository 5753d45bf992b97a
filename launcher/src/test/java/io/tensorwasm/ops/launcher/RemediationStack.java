package io.tensorwasm.ops.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tensorwasm.ops.alerts.AlertmanagerConfig;
import io.tensorwasm.ops.alerts.BaseUrls;
import io.tensorwasm.ops.alerts.RuleFiles;
import io.tensorwasm.ops.testkit.AlertmanagerServer;
import io.tensorwasm.ops.testkit.FreePort;
import io.tensorwasm.ops.testkit.HarnessClient;
import io.tensorwasm.ops.testkit.ManagedProcess;
import io.tensorwasm.ops.testkit.PrometheusServer;
import io.tensorwasm.ops.testkit.WasmCorpus;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Everything of the flow of one alert, as real processes on 127.0.0.1: {@code twops start} (the
 * console, and the runtime as its child, with the environment given), Alertmanager configured by
 * {@link AlertmanagerConfig#withConsole} with the console's webhook token file, Prometheus scraping
 * the runtime with the test-profile rules of {@link RuleFiles}, and a load generator invoking
 * {@code ok}. {@link #close()} stops all of it, in reverse order, also after a failure.
 */
final class RemediationStack implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Deque<Runnable> started = new ArrayDeque<>();
    private final Path data;
    private final int runtimePort = FreePort.next();
    private final int consolePort = FreePort.next();
    private final int prometheusPort = FreePort.next();
    private ManagedProcess twops;
    private String functionId;

    private RemediationStack(Path dir) {
        this.data = dir.resolve("data");
    }

    /**
     * Starts the stack.
     *
     * @param environment variables of {@code twops start}, which its runtime inherits
     * @param rotations the rotation file
     */
    static RemediationStack start(Path dir, Map<String, String> environment, Path rotations)
            throws Exception {
        RemediationStack stack = new RemediationStack(dir);
        boolean up = false;
        try {
            stack.startConsole(dir, environment, rotations);
            stack.startAlerting(dir);
            stack.functionId = stack.deploy();
            up = true;
            return stack;
        } finally {
            if (!up) {
                stack.close();
            }
        }
    }

    private void startConsole(Path dir, Map<String, String> environment, Path rotations) {
        List<String> command = new ArrayList<>(List.of("env"));
        environment.forEach((name, value) -> command.add(name + "=" + value));
        command.addAll(
                List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        TwopsCommand.class.getName(),
                        "start",
                        "--runtime-port",
                        Integer.toString(runtimePort),
                        "--console-port",
                        Integer.toString(consolePort),
                        "--data-dir",
                        data.toString(),
                        "--no-monitoring",
                        "--prometheus-url",
                        "http://127.0.0.1:" + prometheusPort,
                        "--rotations",
                        rotations.toString(),
                        "--escalation-sweep",
                        "1s"));
        twops = ManagedProcess.start("twops-remediation", command, dir);
        started.push(twops::close);
        twops.awaitReady(
                "the start report",
                Duration.ofSeconds(120),
                () -> Files.readString(twops.log()).contains("Ctrl-C stops everything"));
    }

    private void startAlerting(Path dir) throws IOException {
        String console = "http://127.0.0.1:" + consolePort;
        Path rules =
                Files.writeString(
                        dir.resolve("test.rules.yml"),
                        RuleFiles.generate("test", BaseUrls.of(console, "http://127.0.0.1:3000")));
        AlertmanagerServer alertmanager =
                AlertmanagerServer.start(
                        AlertmanagerConfig.withConsole(
                                console + "/hooks/alertmanager",
                                data.resolve("alertmanager-webhook-token")));
        started.push(alertmanager::close);
        PrometheusServer prometheus =
                PrometheusServer.builder()
                        .port(prometheusPort)
                        .scrape("tensor-wasm", "127.0.0.1:" + runtimePort)
                        .ruleFile(rules)
                        .alertmanager("127.0.0.1:" + alertmanager.port())
                        .start();
        started.push(prometheus::close);
    }

    private String deploy() throws Exception {
        HttpResponse<String> created =
                runtime()
                        .postJson(
                                "/functions",
                                "{\"name\":\"adder\",\"wasm_b64\":\""
                                        + WasmCorpus.base64("ok")
                                        + "\"}");
        if (created.statusCode() != 201) {
            throw new IllegalStateException("deploy answered " + created.body());
        }
        return LiveRuntime.id(created.body());
    }

    /** The output of {@code twops start}. */
    String startReport() throws IOException {
        return Files.readString(twops.log());
    }

    Path data() {
        return data;
    }

    /** The runtime with its admin token. */
    HarnessClient runtime() throws IOException {
        return HarnessClient.of(runtimePort)
                .withToken(Files.readString(data.resolve("runtime-admin-token")).strip());
    }

    /** The console with its first admin token. */
    HarnessClient console() throws IOException {
        return HarnessClient.of(consolePort)
                .withToken(Files.readString(data.resolve("console-admin-token")).strip());
    }

    /** Invokes {@code ok} every 50 ms on a thread of its own until the stack closes. */
    Load load() {
        Load load = new Load();
        started.push(load::close);
        Thread thread = new Thread(load::run, "invoke-load");
        thread.setDaemon(true);
        thread.start();
        return load;
    }

    /** Makes every invoke fail until the runtime restarts (an in-memory fault). */
    void injectFault() throws Exception {
        HttpResponse<String> set =
                runtime().postJson("/admin/faults", "{\"invoke_error_rate\":1.0}");
        if (set.statusCode() != 200) {
            throw new IllegalStateException("/admin/faults answered " + set.body());
        }
    }

    /** One invoke of {@code ok}, with its status. */
    int invoke() throws IOException, InterruptedException {
        return runtime()
                .postJson(
                        "/functions/" + functionId + "/invoke",
                        "{\"export\":\"add\",\"args\":[2,3]}")
                .statusCode();
    }

    /** The console's incidents, newest first. */
    List<JsonNode> incidents() throws Exception {
        List<JsonNode> all = new ArrayList<>();
        JSON.readTree(console().get("/api/incidents").body()).path("incidents").forEach(all::add);
        return all;
    }

    /** One incident with its timeline and remediation. */
    JsonNode incident(long id) throws Exception {
        return JSON.readTree(console().get("/api/incidents/" + id).body());
    }

    /** Waits for an incident that matches, polling the console's API every 250 ms. */
    JsonNode awaitIncident(String what, Predicate<JsonNode> match, Duration timeout)
            throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Optional<JsonNode> found = incidents().stream().filter(match).findFirst();
            if (found.isPresent()) {
                return incident(found.get().path("id").asLong());
            }
            if (!twops.isAlive()) {
                throw new AssertionError("twops exited; last lines:\n" + twops.tail());
            }
            Thread.sleep(250);
        }
        throw new AssertionError(
                what
                        + " did not happen within "
                        + timeout.toSeconds()
                        + " s; incidents: "
                        + incidents()
                        + "\nlast lines of twops:\n"
                        + twops.tail());
    }

    @Override
    public void close() {
        if (started.isEmpty()) {
            return;
        }
        Runnable stop = started.pop();
        try {
            stop.run();
        } finally {
            close();
        }
    }

    /** Invocations of {@code ok} at 20 a second, counted by status. */
    final class Load {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger ok = new AtomicInteger();
        private final AtomicInteger failed = new AtomicInteger();

        private void run() {
            while (running.get()) {
                try {
                    (invoke() == 200 ? ok : failed).incrementAndGet();
                    Thread.sleep(50);
                } catch (IOException restarting) {
                    failed.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        int ok() {
            return ok.get();
        }

        int failed() {
            return failed.get();
        }

        void close() {
            running.set(false);
        }
    }
}

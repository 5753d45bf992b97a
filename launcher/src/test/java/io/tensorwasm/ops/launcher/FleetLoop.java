package io.tensorwasm.ops.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.engine.store.ExecutionRecord;
import io.tensorwasm.ops.engine.store.JdbcExecutionStore;
import io.tensorwasm.ops.testkit.FreePort;
import io.tensorwasm.ops.testkit.HarnessClient;
import io.tensorwasm.ops.testkit.ManagedProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * {@code twops start --replicas 3} from the real {@code twops.jar}, on free ports, with the test
 * profile of the rules and a rotation whose primary is a JSON webhook the test serves; and what a
 * test does with it: install releases on a replica, read a replica's pid and version, and drive an
 * interactive run through the console's HTTP API with the admin token, approving every step.
 */
final class FleetLoop implements AutoCloseable {

    private static final Pattern QUESTION = Pattern.compile("data-question=\"(\\d+)\"");
    private static final Pattern STATUS = Pattern.compile("id=\"status\">([a-z-]+)<");
    private static final Pattern VERSION =
            Pattern.compile("tensor_wasm_build_info\\{[^}]*version=\"([^\"]+)\"");

    final Path data;
    final int balancer = FreePort.next();
    final int console = FreePort.next();
    final int prometheus = FreePort.next();
    final List<Integer> replicas = List.of(FreePort.next(), FreePort.next(), FreePort.next());
    final ManagedProcess twops;

    FleetLoop(Path dir, URI pager) throws IOException {
        this.data = dir.resolve("data");
        Path rotations = dir.resolve("rotations.yml");
        Files.writeString(
                rotations,
                "ack_timeout: 10m\nprimary: {person: Ana Ortiz, channel: webhook, url: "
                        + pager
                        + "}\n");
        List<String> command =
                new ArrayList<>(
                        List.of(
                                LoopProcesses.java(),
                                "-cp",
                                LoopProcesses.shadedJar(),
                                TwopsCommand.class.getName(),
                                "start",
                                "--replicas",
                                "3",
                                "--alert-profile",
                                "test",
                                "--rotations",
                                rotations.toString(),
                                "--data-dir",
                                data.toString()));
        ports(command);
        twops = ManagedProcess.start("twops-fleet", command, dir);
        twops.awaitReady(
                "the start report",
                Duration.ofSeconds(300),
                () -> Files.readString(twops.log()).contains("Ctrl-C stops everything"));
    }

    private void ports(List<String> command) {
        command.addAll(
                List.of(
                        "--runtime-port",
                        Integer.toString(balancer),
                        "--replica-ports",
                        replicas.get(0) + "," + replicas.get(1) + "," + replicas.get(2),
                        "--registry-port",
                        Integer.toString(FreePort.next()),
                        "--console-port",
                        Integer.toString(console),
                        "--prometheus-port",
                        Integer.toString(prometheus),
                        "--alertmanager-port",
                        Integer.toString(FreePort.next())));
    }

    String output() throws IOException {
        return Files.readString(twops.log());
    }

    String runtimeToken() throws IOException {
        return Files.readString(data.resolve("runtime-admin-token")).strip();
    }

    HarnessClient console() throws IOException {
        return HarnessClient.of(console)
                .withToken(Files.readString(data.resolve("console-admin-token")).strip());
    }

    /** The replica's directory: replica-1 is index 0. */
    Path home(int replica) {
        return data.resolve("fleet").resolve("replica-" + (replica + 1));
    }

    long pid(int replica) throws IOException {
        return Long.parseLong(Files.readString(home(replica).resolve("runtime.pid")).strip());
    }

    /** The version the replica's own {@code /metrics} reports in tensor_wasm_build_info. */
    String version(int replica) throws IOException, InterruptedException {
        String metrics = HarnessClient.of(replicas.get(replica)).get("/metrics").body();
        Matcher m = VERSION.matcher(metrics);
        assertThat(m.find()).as("build_info on replica %d", replica + 1).isTrue();
        return m.group(1);
    }

    /**
     * Installs a release on a replica: this build's jar with its runtime's version resource set to
     * the version, a real second build that reports another version in build_info.
     */
    void install(int replica, String version) throws IOException {
        Path release = home(replica).resolve("releases").resolve(version);
        Files.createDirectories(release);
        Path jar = release.resolve("tensor-wasm.jar");
        try (ZipInputStream in =
                        new ZipInputStream(
                                Files.newInputStream(Path.of(LoopProcesses.shadedJar())));
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().equals("io/tensorwasm/ops/runtime/runtime.properties")) {
                    out.write(
                            ("version=" + version.substring(1) + "\n")
                                    .getBytes(StandardCharsets.UTF_8));
                } else {
                    copy(in, out);
                }
                out.closeEntry();
            }
        }
    }

    /** Installs a release that cannot start on a replica: its jar is not a jar. */
    void installBroken(int replica, String version) throws IOException {
        Path release = home(replica).resolve("releases").resolve(version);
        Files.createDirectories(release);
        Files.writeString(release.resolve("tensor-wasm.jar"), "a download cut short");
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        in.transferTo(out);
    }

    /**
     * Starts an interactive run of a runbook in the console with vars, approves and confirms every
     * question until it ends; returns its execution id and final status.
     */
    Run run(String runbook, Map<String, String> vars, Duration timeout) throws Exception {
        HarnessClient client = console();
        HttpResponse<String> started = client.postForm("/runbooks/" + runbook + "/run", vars);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(303);
        String page = started.headers().firstValue("Location").orElseThrow();
        long id = Long.parseLong(page.substring(page.lastIndexOf('/') + 1));
        Instant deadline = Instant.now().plus(timeout);
        int answered = 0;
        while (Instant.now().isBefore(deadline)) {
            String html = client.get(page).body();
            Matcher status = STATUS.matcher(html);
            assertThat(status.find()).as("the execution page shows its status").isTrue();
            if (!status.group(1).equals("running")) {
                return new Run(id, status.group(1), answered);
            }
            Matcher question = QUESTION.matcher(html);
            if (question.find()) {
                String action =
                        html.contains("/executions/" + id + "/approve") ? "approve" : "confirm";
                HttpResponse<String> answer =
                        client.postForm(
                                page + "/" + action,
                                Map.of("question", question.group(1), "holds", "yes"));
                assertThat(answer.statusCode()).as(answer.body()).isIn(303, 409);
                answered++;
            } else {
                Thread.sleep(200);
            }
        }
        throw new AssertionError(runbook + " did not end within " + timeout + "; " + page);
    }

    /** A run the console drove. */
    record Run(long id, String status, int answers) {}

    /** The recorded execution, read from the console's database as twops runbook history does. */
    ExecutionRecord record(long id) {
        Optional<JdbcExecutionStore> store =
                JdbcExecutionStore.openForReading(
                        "jdbc:h2:file:" + data.resolve("console") + ";AUTO_SERVER=TRUE", "sa", "");
        try (JdbcExecutionStore open = store.orElseThrow()) {
            return open.find(id).orElseThrow();
        }
    }

    /** Sends a signal to a process by pid, as an operator would with kill. */
    static void signal(String signal, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start();
            assertThat(kill.waitFor()).isZero();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        twops.close();
    }
}

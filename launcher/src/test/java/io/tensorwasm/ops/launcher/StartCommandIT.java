package io.tensorwasm.ops.launcher;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Command one of the README, as a real process: start, use, stop, start again. */
class StartCommandIT {

    @TempDir Path data;

    private final int runtimePort = FreePort.next();
    private final int consolePort = FreePort.next();

    @Test
    void startsBothPrintsOnlyAnsweringUrlsAndKeepsFunctionsAcrossRestarts() throws Exception {
        String id;
        Path firstLog;
        try (ManagedProcess twops = start()) {
            firstLog = twops.log();
            String output = Files.readString(twops.log());
            assertThat(output)
                    .contains("  console   http://127.0.0.1:" + consolePort + "/")
                    .contains("  runtime   http://127.0.0.1:" + runtimePort + "/")
                    .contains("sign in   with the token in " + data.resolve("console-admin-token"));
            String runtimeToken = Files.readString(data.resolve("runtime-admin-token")).strip();
            String consoleToken = Files.readString(data.resolve("console-admin-token")).strip();
            String webhookToken =
                    Files.readString(data.resolve("alertmanager-webhook-token")).strip();
            assertThat(output)
                    .doesNotContain(runtimeToken)
                    .doesNotContain(consoleToken)
                    .doesNotContain(webhookToken)
                    .contains(
                            "  alerts    Alertmanager posts to http://127.0.0.1:"
                                    + consolePort
                                    + "/hooks/alertmanager with the bearer token in "
                                    + data.resolve("alertmanager-webhook-token"))
                    .contains(
                            "  paging    no rotation: pages are recorded as \"nobody was paged\"");
            for (String secret : List.of("runtime-admin-token", "alertmanager-webhook-token")) {
                assertThat(Files.getPosixFilePermissions(data.resolve(secret)))
                        .as(secret)
                        .isEqualTo(
                                Set.of(
                                        PosixFilePermission.OWNER_READ,
                                        PosixFilePermission.OWNER_WRITE));
            }

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
        }
        awaitGone(data.resolve("runtime.pid"));
        assertThat(Files.readString(firstLog))
                .as("what twops printed until it stopped on SIGTERM")
                .doesNotContain("Exception in thread");

        try (ManagedProcess again = start()) {
            String runtimeToken = Files.readString(data.resolve("runtime-admin-token")).strip();
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
                    .execute("token", "list", "--data-dir", data.toString());
            assertThat(tokens.toString().lines().filter(l -> l.contains("readiness drills on ")))
                    .as("one drills probe token, this start's, whatever the last stop left")
                    .hasSize(1);
        }
    }

    @Test
    void aConsoleThatCannotStartSaysWhyAndStopsTheRuntimeItStarted() throws Exception {
        try (ServerSocket taken =
                        new ServerSocket(consolePort, 1, InetAddress.getLoopbackAddress());
                ManagedProcess twops = launch()) {
            assertThat(taken.isBound()).as("the console's port, held by another program").isTrue();
            Instant deadline = Instant.now().plusSeconds(120);
            while (twops.isAlive() && Instant.now().isBefore(deadline)) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
            assertThat(twops.isAlive()).as("twops ended").isFalse();
            assertThat(twops.exitValue()).isEqualTo(1);
            assertThat(Files.readString(twops.log()))
                    .contains("twops start: the console did not start: ")
                    .contains("Address already in use")
                    .contains("; the runtime was stopped again")
                    .doesNotContain("\tat ");
        }
        awaitGone(data.resolve("runtime.pid"));
        try (ServerSocket free =
                new ServerSocket(runtimePort, 1, InetAddress.getLoopbackAddress())) {
            assertThat(free.getLocalPort())
                    .as("the runtime's port is free again")
                    .isEqualTo(runtimePort);
        }
    }

    private ManagedProcess start() {
        ManagedProcess twops = launch();
        twops.awaitReady(
                "the start report",
                Duration.ofSeconds(120),
                () -> Files.readString(twops.log()).contains("Ctrl-C stops everything"));
        return twops;
    }

    private ManagedProcess launch() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return ManagedProcess.start(
                "twops-start",
                List.of(
                        java,
                        "-cp",
                        shadedJar(),
                        TwopsCommand.class.getName(),
                        "start",
                        "--runtime-port",
                        Integer.toString(runtimePort),
                        "--console-port",
                        Integer.toString(consolePort),
                        "--data-dir",
                        data.toString()),
                data.getParent());
    }

    /**
     * The jar that {@code bin/twops} runs, built by the package phase before this test: the test
     * classpath would hide a module the jar lacks (issue #3, command one).
     */
    private static String shadedJar() {
        Path jar = Path.of("target", "twops.jar").toAbsolutePath();
        assertThat(jar).as("the launcher's shaded jar, built by mvn package").exists();
        return jar.toString();
    }

    private static void awaitGone(Path pidFile) throws Exception {
        for (int i = 0; i < 150 && Files.exists(pidFile); i++) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        assertThat(pidFile).as("the runtime stopped with twops").doesNotExist();
    }
}

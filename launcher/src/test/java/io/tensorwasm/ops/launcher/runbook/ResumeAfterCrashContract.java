package io.tensorwasm.ops.launcher.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.tensorwasm.ops.engine.model.RunStatus;
import io.tensorwasm.ops.engine.store.ExecutionStore;
import io.tensorwasm.ops.engine.store.ExecutionSummary;
import io.tensorwasm.ops.engine.store.JdbcExecutionStore;
import io.tensorwasm.ops.launcher.TwopsCommand;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #19's crash: {@code twops runbook run --auto} in a JVM of its own is killed with SIGKILL
 * during step 2; the execution is then interrupted, nothing resumes it by itself, and {@code twops
 * runbook resume} finishes it without calling step 1 again. Subclasses supply H2 or PostgreSQL.
 */
abstract class ResumeAfterCrashContract {

    static final String RUNBOOK =
            """
            ---
            id: crash
            kind: procedure
            automation: auto
            guardrails:
              cooldown: 0s
            ---

            # Crash

            | Step | Action | Expected | Within | On failure | Estimate |
            |---|---|---|---|---|---|
            | 1 | `http GET {runtime}/one` | `status == 200` | | abort | 1m |
            | 2 | `http GET {runtime}/two` | `status == 200` | | abort | 1m |
            | 3 | `http GET {runtime}/three/{steps.1.body.id}` | `status == 200` | | abort | 1m |
            """;

    @TempDir Path dir;

    private HttpServer server;
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private final AtomicInteger twoCalls = new AtomicInteger();
    private final CountDownLatch twoStarted = new CountDownLatch(1);

    /** The JDBC URL of a fresh database, its user and password. */
    abstract List<String> database();

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext(
                "/",
                e -> {
                    String path = e.getRequestURI().getPath();
                    paths.add(path);
                    if (path.equals("/two") && twoCalls.incrementAndGet() == 1) {
                        twoStarted.countDown();
                        sleep(60_000); // step 2 hangs until its process is killed
                    }
                    byte[] body = "{\"id\":\"abc-1\"}".getBytes(StandardCharsets.UTF_8);
                    e.getResponseHeaders().add("Content-Type", "application/json");
                    e.sendResponseHeaders(200, body.length);
                    try (var out = e.getResponseBody()) {
                        out.write(body);
                    }
                });
        server.start();
        Files.createDirectories(dir.resolve("runbooks"));
        Files.writeString(dir.resolve("runbooks/crash.md"), RUNBOOK);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aRunKilledDuringStep2IsInterruptedAndAResumeFinishesIt() throws Exception {
        Process run = twops(List.of("run", "crash", "--auto"), "");
        try {
            assertThat(twoStarted.await(60, TimeUnit.SECONDS))
                    .as("step 2 started: " + Files.readString(dir.resolve("twops.out")))
                    .isTrue();
            run.destroyForcibly(); // SIGKILL
            assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(run.exitValue()).isEqualTo(137);
        } finally {
            run.destroyForcibly();
        }
        List<String> db = database();
        long id;
        // A store whose stale age is 1 s finds the dead run at once; the CLI's own waits 30 s.
        try (ExecutionStore store =
                JdbcExecutionStore.open(db.get(0), db.get(1), db.get(2), Duration.ofSeconds(1))) {
            Thread.sleep(1_500);
            ExecutionSummary dead = store.recent(5).get(0);
            id = dead.id();
            assertThat(store.find(id).orElseThrow().summary().status())
                    .isEqualTo(RunStatus.INTERRUPTED);
            assertThat(store.lineage(id).orElseThrow().lastStep()).hasValue(2);
            Thread.sleep(1_000);
            assertThat(store.recent(5)).as("nothing resumed it by itself").hasSize(1);
        }

        Process resume =
                twops(
                        List.of(
                                "resume",
                                Long.toString(id),
                                "--reason",
                                "the endpoint answers again",
                                "--as",
                                "bo"),
                        "a\na\n");
        assertThat(resume.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(dir.resolve("twops.out"));
        assertThat(resume.exitValue())
                .as(out + Files.readString(dir.resolve("twops.err")))
                .isZero();
        assertThat(out)
                .contains("continues execution " + id + " from step 2 (pinned version)")
                .contains("succeeded in");
        assertThat(paths)
                .as("step 1 ran once; step 3 read its result")
                .containsExactly("/one", "/two", "/two", "/three/abc-1");
        try (ExecutionStore store = JdbcExecutionStore.open(db.get(0), db.get(1), db.get(2))) {
            ExecutionSummary finished = store.recent(5).get(0);
            assertThat(finished.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(
                            store.lineage(finished.id())
                                    .orElseThrow()
                                    .continuation()
                                    .orElseThrow()
                                    .parentId())
                    .isEqualTo(id);
        }
    }

    /** Starts {@code twops runbook ARGS} in a JVM of its own, fed the given standard input. */
    private Process twops(List<String> args, String stdin) throws IOException {
        List<String> db = database();
        List<String> command =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-cp",
                                System.getProperty("java.class.path"),
                                TwopsCommand.class.getName(),
                                "runbook"));
        command.addAll(args);
        command.addAll(
                List.of(
                        "--runbooks",
                        dir.resolve("runbooks").toString(),
                        "--runtime",
                        "http://127.0.0.1:" + server.getAddress().getPort(),
                        "--db",
                        db.get(0),
                        "--db-user",
                        db.get(1),
                        "--db-password",
                        db.get(2),
                        "--runtime-token-file",
                        dir.resolve("no-token").toString()));
        Process process =
                new ProcessBuilder(command)
                        .directory(dir.toFile())
                        .redirectOutput(dir.resolve("twops.out").toFile())
                        .redirectError(dir.resolve("twops.err").toFile())
                        .start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        return process;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

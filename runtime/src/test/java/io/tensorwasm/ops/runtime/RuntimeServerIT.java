package io.tensorwasm.ops.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tensorwasm.ops.runtime.function.ExecutionMode;
import io.tensorwasm.ops.runtime.store.Database;
import io.tensorwasm.ops.runtime.store.FunctionStore;
import io.tensorwasm.ops.runtime.store.StoredFunction;
import io.tensorwasm.ops.testkit.FreePort;
import io.tensorwasm.ops.testkit.HarnessClient;
import io.tensorwasm.ops.testkit.WasmCorpus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The whole server as the CLI starts it: restart, resilience, both execution modes. */
class RuntimeServerIT {

    private static final String ADMIN = "admin-t0ken";

    @TempDir Path dataDir;

    private RuntimeConfig.Builder config() {
        return RuntimeConfig.builder()
                .port(0)
                .dataDir(dataDir)
                .apiTokens(ADMIN + ":tenant=*")
                .rateLimit(0, 0);
    }

    private static HarnessClient client(RuntimeServer server) {
        return HarnessClient.of(server.port()).withToken(ADMIN);
    }

    private static String deploy(HarnessClient client, String name, String corpusName)
            throws Exception {
        HttpResponse<String> response =
                client.postJson(
                        "/functions",
                        new JsonObject()
                                .put("name", name)
                                .put("wasm_b64", WasmCorpus.base64(corpusName))
                                .encode());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return new JsonObject(response.body()).getString("id");
    }

    private static String invoke(HarnessClient client, String id, String body) throws Exception {
        return client.postJson("/functions/" + id + "/invoke", body).body();
    }

    /**
     * The JDK client offers "Upgrade: h2c" on plain HTTP by default; an upgraded connection once
     * left {@code tensor-wasm observe} waiting past its request timeout. The runtime answers in
     * HTTP/1.1 instead.
     */
    @Test
    void answersAnH2cUpgradeOfferInHttp11() throws Exception {
        try (RuntimeServer server = RuntimeServer.start(config().build())) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> healthz =
                        http.send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        "http://127.0.0.1:"
                                                                + server.port()
                                                                + "/healthz"))
                                        .timeout(Duration.ofSeconds(10))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                assertThat(healthz.statusCode()).isEqualTo(200);
                assertThat(healthz.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
            }
        }
    }

    /**
     * Issue #16, finding 1: the registry and the audit log were 0644. The data directory is 0700
     * and everything in it 0600, and every start puts back modes someone loosened.
     */
    @Test
    void dataDirectoryIsPrivateAndEveryStartMakesItPrivateAgain() throws Exception {
        RuntimeConfig config = config().auditLog("file:" + dataDir.resolve("audit.log")).build();
        try (RuntimeServer server = RuntimeServer.start(config)) {
            deploy(client(server), "adder", "ok");
        }
        assertThat(modes(dataDir))
                .containsEntry(".", "rwx------")
                .containsEntry("registry.mv.db", "rw-------")
                .containsEntry("audit.log", "rw-------")
                .containsEntry("audit-key", "rw-------");
        assertThat(modes(dataDir).values()).containsOnly("rwx------", "rw-------");

        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(dataDir.resolve("old"));
        Files.writeString(dataDir.resolve("old/notes.txt"), "left by an operator");
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
            }
        }
        try (RuntimeServer server = RuntimeServer.start(config)) {
            assertThat(client(server).get("/functions").statusCode()).isEqualTo(200);
            assertThat(modes(dataDir))
                    .containsEntry(".", "rwx------")
                    .containsEntry("old", "rwx------")
                    .containsEntry("old/notes.txt", "rw-------")
                    .containsEntry("registry.mv.db", "rw-------")
                    .containsEntry("audit.log", "rw-------");
            assertThat(modes(dataDir).values()).containsOnly("rwx------", "rw-------");
        }
    }

    /**
     * Issue #16, finding 1: no listener off loopback unless the operator asks for one. The H2
     * registry is an embedded file database; a start opens exactly the API's port.
     */
    @Test
    void listensOnTheApiPortOnLoopbackAndNowhereElse() throws Exception {
        Set<String> before = ListeningSockets.ofThisProcess();
        try (RuntimeServer server = RuntimeServer.start(config().build())) {
            deploy(client(server), "adder", "ok");
            Set<String> opened = new TreeSet<>(ListeningSockets.ofThisProcess());
            opened.removeAll(before);
            assertThat(opened).containsExactly("127.0.0.1:" + server.port());
        }
    }

    private static Map<String, String> modes(Path dir) throws Exception {
        Map<String, String> modes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.toList()) {
                String name = dir.equals(p) ? "." : dir.relativize(p).toString();
                modes.put(name, PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
            }
        }
        return modes;
    }

    /** Issue #16, finding 4: dev mode admits anyone, so it stays on loopback. */
    @Test
    void refusesDevModeOffLoopbackBeforeTouchingTheDataDirectory() throws Exception {
        Path data = dataDir.resolve("never-made");
        assertThatThrownBy(
                        () ->
                                RuntimeServer.start(
                                                config().apiTokens("")
                                                        .bind("0.0.0.0")
                                                        .dataDir(data)
                                                        .build())
                                        .close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(
                        "0.0.0.0: refusing to listen off loopback in dev mode"
                                + " (TENSOR_WASM_API_TOKENS is empty), where anyone who reaches the"
                                + " port may deploy functions and take backups; set"
                                + " TENSOR_WASM_API_TOKENS or bind 127.0.0.1");
        assertThat(data).doesNotExist();
        try (RuntimeServer devOnLoopback =
                RuntimeServer.start(config().apiTokens("").bind("127.0.0.1").build())) {
            assertThat(HarnessClient.of(devOnLoopback.port()).get("/functions").statusCode())
                    .isEqualTo(200);
            assertThat(devOnLoopback.listenUri().toString())
                    .isEqualTo("http://127.0.0.1:" + devOnLoopback.port());
        }
    }

    /**
     * Issue #16, finding 3: a restart compiled every stored function before it listened (12 s at
     * 2,003). It compiles none; a function is parsed on its first invoke and compiled in the
     * background once it is used again (issue #22).
     */
    @Test
    void startCompilesNoStoredFunctionAndEachOnceItIsUsedAgain() throws Exception {
        List<String> ids = new ArrayList<>();
        try (RuntimeServer first = RuntimeServer.start(config().build())) {
            HarnessClient client = client(first);
            ids.add(deploy(client, "adder", "ok"));
            ids.add(deploy(client, "fib", "fib"));
            ids.add(deploy(client, "endless", "endless"));
        }
        try (CompileLog compiled = new CompileLog();
                RuntimeServer second = RuntimeServer.start(config().build())) {
            assertThat(compiled.names()).isEmpty();
            HarnessClient client = client(second);
            JsonArray listed =
                    new JsonObject(client.get("/functions").body()).getJsonArray("functions");
            assertThat(listed).hasSize(3);
            assertThat(listed.getJsonObject(1).encode())
                    .contains(
                            "\"mode\":\"compiled\",\"exports\":[{\"name\":\"fib\","
                                    + "\"params\":[\"i32\"],\"results\":[\"i32\"]}]");
            assertThat(compiled.names()).isEmpty();
            assertThat(invoke(client, ids.get(0), "{\"args\":[2,3]}"))
                    .isEqualTo("{\"result\":[5]}");
            assertThat(invoke(client, ids.get(0), "{\"args\":[4,5]}"))
                    .isEqualTo("{\"result\":[9]}");
            assertThat(invoke(client, ids.get(1), "{\"args\":[20]}"))
                    .isEqualTo("{\"result\":[6765]}");
            assertThat(compiled.awaitNames(1)).containsExactly("\"adder\"");
            assertThat(invoke(client, ids.get(1), "{\"args\":[10]}"))
                    .isEqualTo("{\"result\":[55]}");
            assertThat(compiled.awaitNames(2)).containsExactly("\"adder\"", "\"fib\"");
        }
    }

    /**
     * Issue #16, finding 3: code lives in a bounded cache. A function that fell out of it is parsed
     * again from its stored bytes when it is used; one that never stays in it is never compiled for
     * nothing (issue #22).
     */
    @Test
    void aFunctionOutOfTheCodeCacheRunsAgainFromItsStoredBytes() throws Exception {
        RuntimeConfig tiny =
                RuntimeConfig.fromEnvironment(Map.of("TENSOR_WASM_CODE_CACHE_BYTES", "1"))
                        .toBuilder()
                        .port(0)
                        .dataDir(dataDir)
                        .apiTokens(ADMIN + ":tenant=*")
                        .rateLimit(0, 0)
                        .build();
        try (CompileLog compiled = new CompileLog();
                RuntimeServer server = RuntimeServer.start(tiny)) {
            HarnessClient client = client(server);
            String id = deploy(client, "adder", "ok");
            for (int i = 0; i < 3; i++) {
                assertThat(invoke(client, id, "{\"args\":[" + i + ",1]}"))
                        .isEqualTo("{\"result\":[" + (i + 1) + "]}");
            }
            assertThat(compiled.names()).isEmpty();
        }
    }

    /** A registry written before functions were described is described once, at its start. */
    @Test
    void describesFunctionsStoredByAnEarlierReleaseOnce() throws Exception {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        try (Database db = Database.open(Database.h2Url(dataDir), "", "")) {
            new FunctionStore(db.dataSource())
                    .insert(
                            new StoredFunction(
                                    "fn_00000000000000000001",
                                    "*",
                                    "adder",
                                    "ab".repeat(32),
                                    WasmCorpus.bytes("ok"),
                                    at));
        }
        try (RuntimeServer server = RuntimeServer.start(config().build())) {
            HarnessClient client = client(server);
            assertThat(
                            new JsonObject(client.get("/functions/fn_00000000000000000001").body())
                                    .getJsonArray("exports")
                                    .encode())
                    .isEqualTo(
                            "[{\"name\":\"add\",\"params\":[\"i32\",\"i32\"],\"results\":[\"i32\"]}]");
            assertThat(invoke(client, "fn_00000000000000000001", "{\"args\":[2,3]}"))
                    .isEqualTo("{\"result\":[5]}");
        }
        try (Database db = Database.open(Database.h2Url(dataDir), "", "")) {
            assertThat(new FunctionStore(db.dataSource()).entries())
                    .singleElement()
                    .satisfies(
                            e -> {
                                assertThat(e.exports()).contains("\"add\"");
                                // Described at the start without compiling, and used once since:
                                // parsed for that invoke, never compiled (issue #22).
                                assertThat(e.compiles()).isNull();
                            });
        }
    }

    @Test
    void restartLosesNoFunctionAndKeepsTheIds() throws Exception {
        List<String> ids = new ArrayList<>();
        try (RuntimeServer first = RuntimeServer.start(config().build())) {
            HarnessClient client = client(first);
            ids.add(deploy(client, "adder", "ok"));
            ids.add(deploy(client, "fib", "fib"));
            ids.add(deploy(client, "adder-2", "ok"));
        }
        try (RuntimeServer second = RuntimeServer.start(config().build())) {
            HarnessClient client = client(second);
            JsonArray listed =
                    new JsonObject(client.get("/functions").body()).getJsonArray("functions");
            assertThat(listed.stream().map(f -> ((JsonObject) f).getString("id")))
                    .containsExactlyElementsOf(ids);
            assertThat(invoke(client, ids.get(0), "{\"args\":[2,3]}"))
                    .isEqualTo("{\"result\":[5]}");
            assertThat(invoke(client, ids.get(1), "{\"args\":[20]}"))
                    .isEqualTo("{\"result\":[6765]}");
            assertThat(invoke(client, ids.get(2), "{\"args\":[7,8]}"))
                    .isEqualTo("{\"result\":[15]}");
        }
    }

    @Test
    void aPortInUseFailsTheStartNamingTheAddress() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> RuntimeServer.start(config().port(port).build()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("127.0.0.1:" + port + ": cannot listen: Address already in use");
        }
        // The failed start closed the registry: the same data directory opens again.
        try (RuntimeServer server = RuntimeServer.start(config().build())) {
            assertThat(client(server).get("/healthz").statusCode()).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void endlessAnswers504AndFreesTheWorker(ExecutionMode mode) throws Exception {
        RuntimeConfig config =
                config().executionMode(mode)
                        .invokeTimeout(Duration.ofMillis(200))
                        .workers(1)
                        .build();
        try (RuntimeServer server = RuntimeServer.start(config)) {
            HarnessClient client = client(server);
            String endless = deploy(client, "endless", "endless");
            String fib = deploy(client, "fib", "fib");
            assertThat(new JsonObject(client.get("/functions/" + endless).body()).getString("mode"))
                    .isEqualTo(mode.label());
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> response =
                        client.postJson("/functions/" + endless + "/invoke", "");
                assertThat(response.statusCode()).isEqualTo(504);
            }
            // One worker only, and fib recurses, so it runs on that worker (a call that provably
            // ends would not, issue #22): this answers only if every endless run gave it back.
            assertThat(invoke(client, fib, "{\"args\":[10]}")).isEqualTo("{\"result\":[55]}");
            // The answer leaves before the worker has marked itself idle; give it a moment.
            for (int i = 0; i < 100 && server.services().invoker().busyWorkers() > 0; i++) {
                Thread.sleep(10);
            }
            assertThat(server.services().invoker().busyWorkers()).isZero();
        }
    }

    /**
     * Issue #22: on a port of its own choosing the runtime runs one server per core, sharing the
     * port, so the calls that run on the event loops use every core.
     */
    @Test
    void servesAFixedPortFromOneServerPerCore() throws Exception {
        int port = FreePort.next();
        RuntimeConfig fixed = config().port(port).build();
        assertThat(RuntimeServer.eventLoops(fixed))
                .isEqualTo(Math.max(1, Runtime.getRuntime().availableProcessors()));
        assertThat(RuntimeServer.eventLoops(config().build())).isOne();
        try (RuntimeServer server = RuntimeServer.start(fixed)) {
            assertThat(server.port()).isEqualTo(port);
            String ok = deploy(client(server), "adder", "ok");
            for (int i = 0; i < 8; i++) {
                // A client of its own each time: a new connection, handed to the next server.
                assertThat(invoke(client(server), ok, "{\"args\":[" + i + ",1]}"))
                        .isEqualTo("{\"result\":[" + (i + 1) + "]}");
            }
        }
    }

    /**
     * Issue #22: a call that provably ends runs on the request's thread, so it is answered while
     * the only worker is held by an endless guest, which still ends at its deadline.
     */
    @Test
    void aCallThatProvablyEndsIsAnsweredWhileAnEndlessGuestHoldsTheOnlyWorker() throws Exception {
        RuntimeConfig config = config().invokeTimeout(Duration.ofSeconds(3)).workers(1).build();
        try (RuntimeServer server = RuntimeServer.start(config)) {
            HarnessClient client = client(server);
            String endless = deploy(client, "endless", "endless");
            String ok = deploy(client, "adder", "ok");
            String job =
                    new JsonObject(
                                    client.postJson("/functions/" + endless + "/invoke-async", "")
                                            .body())
                            .getString("job_id");
            for (int i = 0; i < 300 && server.services().invoker().busyWorkers() == 0; i++) {
                Thread.sleep(10);
            }
            assertThat(server.services().invoker().busyWorkers()).isOne();
            assertThat(invoke(client, ok, "{\"args\":[1,2]}")).isEqualTo("{\"result\":[3]}");
            assertThat(new JsonObject(client.get("/jobs/" + job).body()).getString("status"))
                    .isEqualTo("running");
            String status = "running";
            for (int i = 0; i < 600 && status.equals("running"); i++) {
                Thread.sleep(10);
                status = new JsonObject(client.get("/jobs/" + job).body()).getString("status");
            }
            assertThat(status).isEqualTo("failed");
        }
    }

    @Test
    void hundredEndlessAndHundredHogInvokesLeaveHealthzFast() throws Exception {
        RuntimeConfig config =
                config().invokeTimeout(Duration.ofSeconds(5))
                        .memoryLimitBytes(2L * 1024 * 1024)
                        .workers(2)
                        .queueCapacity(512)
                        .build();
        try (RuntimeServer server = RuntimeServer.start(config)) {
            HarnessClient client = client(server);
            String endless = deploy(client, "endless", "endless");
            String hog = deploy(client, "hog", "memory-hog");
            // Two clients for two workers: both stay busy with guests while healthz is timed, and
            // every call runs its guest instead of waiting out its deadline in the queue.
            List<String> seen = new ArrayList<>();
            ExecutorService callers = Executors.newFixedThreadPool(2);
            List<Future<String>> endlessCalls = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                endlessCalls.add(
                        callers.submit(() -> status(client, endless, "{\"timeout_ms\":50}")));
            }
            List<Long> during = healthzMillis(client, 20);
            boolean stormStillOn = endlessCalls.stream().anyMatch(f -> !f.isDone());
            for (Future<String> s : endlessCalls) {
                seen.add(s.get());
            }
            callers.shutdown();
            ExecutorService hogCallers = Executors.newFixedThreadPool(2);
            List<Future<String>> hogCalls = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                hogCalls.add(hogCallers.submit(() -> status(client, hog, "")));
            }
            for (Future<String> s : hogCalls) {
                seen.add(s.get());
            }
            hogCallers.shutdown();
            // A loaded machine may keep a worker from its next call for a whole deadline; that call
            // then answers the queue variant of the same 504, which is just as correct.
            assertThat(seen.subList(0, 100))
                    .allSatisfy(
                            s ->
                                    assertThat(s)
                                            .isIn(
                                                    "504 endless.run: still running at its 50 ms"
                                                            + " deadline; stopped",
                                                    "504 endless.run: waited its whole 50 ms"
                                                            + " deadline for a free worker; not"
                                                            + " started"));
            assertThat(
                            Collections.frequency(
                                    seen.subList(100, 200),
                                    "422 hog.run: trapped: out of bounds memory"
                                            + " access after memory reached the per-instance cap of 2 MiB (32 pages)"))
                    .isEqualTo(100);
            List<Long> after = healthzMillis(client, 20);
            // The event loop is never the guests': every healthz of the storm answered, while the
            // workers were still spinning. How fast it answers is measured by bench/run (its
            // healthz under invoke load), not bounded here: on two shared cores a tight bound
            // flakes and a loose one proves nothing (issue #16).
            assertThat(stormStillOn).as("healthz answered while the guests still spun").isTrue();
            assertThat(during).hasSize(20);
            assertThat(after).hasSize(20);
            System.out.printf(
                    "RuntimeServerIT: healthz during the storm %s ms, after it %s ms%n",
                    during, after);
            // An answer leaves before its worker counts it and marks itself idle: let the last
            // ones settle, then read.
            String metrics = client.get("/metrics").body();
            for (int i = 0;
                    i < 100
                            && !(metrics.contains("{outcome=\"timeout\"} 100.0")
                                    && metrics.contains("{outcome=\"trap\"} 100.0")
                                    && metrics.contains("tensor_wasm_active_instances 0.0")
                                    && server.services().invoker().busyWorkers() == 0);
                    i++) {
                Thread.sleep(100);
                metrics = client.get("/metrics").body();
            }
            assertThat(metrics)
                    .contains("tensor_wasm_invocations_total{outcome=\"timeout\"} 100.0")
                    .contains("tensor_wasm_invocations_total{outcome=\"trap\"} 100.0")
                    .contains("tensor_wasm_active_instances 0.0");
            assertThat(server.services().invoker().busyWorkers()).isZero();
        }
    }

    private static String status(HarnessClient client, String id, String body) throws Exception {
        HttpResponse<String> response = client.postJson("/functions/" + id + "/invoke", body);
        JsonObject error = new JsonObject(response.body()).getJsonObject("error");
        return response.statusCode() + " " + (error == null ? "" : error.getString("message"));
    }

    private static List<Long> healthzMillis(HarnessClient client, int count) throws Exception {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = client.get("/healthz");
            millis.add((System.nanoTime() - start) / 1_000_000);
            assertThat(response.body()).isEqualTo("{\"status\":\"ok\"}");
        }
        return millis;
    }
}

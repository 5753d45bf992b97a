package io.tensorwasm.ops.bench.alert;

import io.tensorwasm.ops.engine.model.Action;
import io.tensorwasm.ops.engine.model.RunStatus;
import io.tensorwasm.ops.engine.store.ExecutionSummary;
import io.tensorwasm.ops.engine.target.CommandResult;
import io.tensorwasm.ops.engine.target.TargetAdapter;
import io.tensorwasm.ops.oncall.OnCall;
import io.tensorwasm.ops.oncall.OnCallSettings;
import io.tensorwasm.ops.oncall.catalogue.RunbookLibrary;
import io.tensorwasm.ops.oncall.run.RunEnvironment;
import io.tensorwasm.ops.oncall.store.Database;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Alert to first action (issue #22: P95 under 50 ms): an Alertmanager delivery of one new firing
 * handed to the console's intake, as {@code POST /hooks/alertmanager} hands it over once its token
 * is checked, until the first step of the alert's runbook starts. Every part is the console's own,
 * wired by {@link OnCall} over an H2 file database: the ledger, the desk, the incident store,
 * remediation with an {@code automation: auto} runbook, the engine's executor and its store with
 * the guardrails, and paging through a rotation of JSON webhooks that take {@value
 * #PAGER_LATENCY_MILLIS} ms to accept a page, as a pager service across the network does. The
 * runbook's first step is {@code bench status}, a target whose adapter marks the action as started.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AlertToActionBenchmark {

    static final long PAGER_LATENCY_MILLIS = 100;
    private static final String RUNBOOK = "bench-alert-action";

    private final AtomicLong alerts = new AtomicLong();
    private volatile CompletableFuture<Instant> firstAction = new CompletableFuture<>();
    private CompletableFuture<Void> handled = CompletableFuture.completedFuture(null);
    private final ExecutorService intake = Executors.newSingleThreadExecutor();
    private Path dir;
    private SlowPager pager;
    private Database database;
    private OnCall onCall;

    /** Writes the runbook and the rotation, opens the database and wires incident response. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("bench-alert-");
        Path runbooks = Files.createDirectories(dir.resolve("runbooks"));
        Files.writeString(runbooks.resolve(RUNBOOK + ".md"), resource(RUNBOOK + ".md"));
        pager = new SlowPager(Duration.ofMillis(PAGER_LATENCY_MILLIS));
        Path rotation =
                Files.writeString(
                        dir.resolve("rotations.yml"),
                        "ack_timeout: 10m\n"
                                + responder("primary", "Ana")
                                + responder("secondary", "Bo")
                                + responder("lead", "Cy"));
        database =
                Database.open("jdbc:h2:file:" + dir.resolve("console").toAbsolutePath(), "sa", "");
        RunbookLibrary library = RunbookLibrary.load(List.of(runbooks));
        if (!library.entry(RUNBOOK).orElseThrow().runnable()) {
            throw new IllegalStateException(
                    RUNBOOK + " does not lint: " + library.entry(RUNBOOK).get().problems());
        }
        onCall =
                OnCall.create(
                        new OnCall.Wiring(
                                database,
                                library,
                                RunEnvironment.none().withTarget("bench", new FirstAction()),
                                new OnCall.Endpoints(
                                        URI.create("http://127.0.0.1:9/"),
                                        Optional.empty(),
                                        URI.create("http://127.0.0.1:3000"),
                                        URI.create("http://127.0.0.1:8090")),
                                OnCallSettings.DEFAULTS.withRotations(rotation)));
    }

    private String responder(String tier, String person) {
        return tier
                + ": {person: "
                + person
                + ", channel: webhook, url: \""
                + pager.url("/" + tier)
                + "\"}\n";
    }

    /**
     * Waits for the last delivery to be handled and its run to end, outside the measurement: one
     * run per runbook and target at a time.
     */
    @Setup(Level.Invocation)
    public void lastRunEnded() throws Exception {
        handled.get(30, TimeUnit.SECONDS);
        while (true) {
            List<ExecutionSummary> last = onCall.runs().store().recent(1);
            if (last.isEmpty() || last.get(0).status() != RunStatus.RUNNING) {
                break;
            }
            Thread.sleep(1);
        }
        firstAction = new CompletableFuture<>();
    }

    /**
     * One delivery of a new firing, handed to a worker thread as the webhook route hands it, until
     * the runbook's first step starts; what the intake does after that runs on outside the measure.
     */
    @Benchmark
    public Instant deliveryToFirstAction() throws Exception {
        String body = delivery(alerts.incrementAndGet());
        handled = CompletableFuture.runAsync(() -> onCall.intake().deliver(body), intake);
        return firstAction.get(30, TimeUnit.SECONDS);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        handled.get(30, TimeUnit.SECONDS);
        intake.shutdown();
        onCall.close();
        database.close();
        pager.close();
        try (var files = Files.walk(dir)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    /** Alertmanager's webhook body for one firing alert with a fingerprint of its own. */
    static String delivery(long n) {
        JsonObject alert =
                new JsonObject()
                        .put("status", "firing")
                        .put(
                                "labels",
                                new JsonObject()
                                        .put("alertname", "BenchAlertFiring")
                                        .put("severity", "page")
                                        .put("instance", "127.0.0.1:8080"))
                        .put(
                                "annotations",
                                new JsonObject()
                                        .put("summary", "bench alert " + n)
                                        .put(
                                                "runbook_url",
                                                "http://127.0.0.1:8090/runbooks/" + RUNBOOK))
                        .put("startsAt", Instant.now().toString())
                        .put("endsAt", "0001-01-01T00:00:00Z")
                        .put("fingerprint", String.format("%016x", n));
        return new JsonObject()
                .put("version", "4")
                .put("groupKey", "{}:{alertname=\"BenchAlertFiring\"}")
                .put("status", "firing")
                .put("receiver", "console")
                .put("groupLabels", new JsonObject().put("alertname", "BenchAlertFiring"))
                .put("commonLabels", new JsonObject())
                .put("commonAnnotations", new JsonObject())
                .put("externalURL", "http://127.0.0.1:9093")
                .put("alerts", new JsonArray().add(alert))
                .encode();
    }

    private static String resource(String name) {
        try (InputStream in = AlertToActionBenchmark.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + ": not on the class path");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code bench} target: its first operation marks the runbook's first action. */
    private final class FirstAction implements TargetAdapter {

        @Override
        public CommandResult perform(Action.Operation operation, String argument) {
            firstAction.complete(Instant.now());
            return new CommandResult(0, "bench " + operation.word() + ": ok");
        }

        @Override
        public String describe() {
            return "the benchmark's marker";
        }
    }
}

package io.tensorwasm.ops.web.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tensorwasm.ops.engine.model.Mode;
import io.tensorwasm.ops.engine.model.RunStatus;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.store.ExecutionRecord;
import io.tensorwasm.ops.engine.store.ExecutionStore;
import io.tensorwasm.ops.engine.store.Lineage;
import io.tensorwasm.ops.oncall.OnCallSettings;
import io.tensorwasm.ops.oncall.incident.Incident;
import io.tensorwasm.ops.oncall.remediation.RemediationState;
import io.tensorwasm.ops.oncall.run.Answer;
import io.tensorwasm.ops.oncall.run.LiveRun;
import io.tensorwasm.ops.oncall.run.LiveRuns;
import io.tensorwasm.ops.oncall.store.Database;
import io.tensorwasm.ops.testkit.Harness;
import io.tensorwasm.ops.testkit.HarnessClient;
import io.tensorwasm.ops.testkit.HttpRecorder;
import io.tensorwasm.ops.testkit.JsonSchemas;
import io.tensorwasm.ops.web.ConsoleParts;
import io.tensorwasm.ops.web.ConsoleRoutes;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs you can trust and continue (issue #19), through the console on a real database: resume from
 * the execution page on the pinned text with the diff shown, alert labels filling parameters, the
 * incident export against its published schema, and shadow runbooks promoted only after three clean
 * shadow runs in a row. Subclasses supply H2 or PostgreSQL.
 */
abstract class ContinuingRunsContract {

    static final Path RUNBOOKS = Path.of("src", "test", "resources", "continue-runbooks");
    static final String BODY = "{\"status\":\"ok\",\"id\":\"abc-1\"}";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    OnCallFixture fixture;
    Path runbooks;

    /** A fresh, empty console database. */
    abstract Database database();

    @BeforeEach
    void open() throws Exception {
        runbooks = Files.createDirectories(dir.resolve("runbooks"));
        try (Stream<Path> pages = Files.list(RUNBOOKS)) {
            for (Path page : pages.toList()) {
                Files.copy(page, runbooks.resolve(page.getFileName()));
            }
        }
        fixture = new OnCallFixture(dir, database(), runbooks, BODY);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aResumeFromTheConsoleRunsThePinnedTextSkipsEarlierStepsAndTheDiffIsShown()
            throws Exception {
        OnCallSettings settings = fixture.settings();
        long[] first = new long[1];
        Harness.serve(
                vertx -> ConsoleRoutes.create(vertx, fixture.parts(vertx, settings)),
                (port, client) -> {
                    ConsoleParts parts = fixture.current();
                    LiveRuns runs = parts.onCall().runs();
                    Runbook five = parts.library().runbook("five-steps").orElseThrow();
                    first[0] = runs.interactive(five, "otto operator");
                    approve(runs, first[0], 1);
                    approve(runs, first[0], 2);
                    awaitQuestion(runs, first[0], 3);
                    fixture.runtime.answer(500, "{}");
                    approve(runs, first[0], 3);
                    awaitStatus(runs.store(), first[0], RunStatus.FAILED);
                    fixture.runtime.answer(200, BODY);
                    fixture.current().close();
                });
        assertThat(paths()).containsExactly("/one", "/two", "/three/abc-1");
        Path page = runbooks.resolve("five-steps.md");
        Files.writeString(
                page,
                Files.readString(page)
                        .replace("/three/{steps.1.body.id}", "/edited/{steps.2.status}"));

        Harness.serve(
                vertx -> ConsoleRoutes.create(vertx, fixture.parts(vertx, settings)),
                (port, client) -> {
                    HarnessClient operator = client.withToken(fixture.operator);
                    String execution = operator.get("/executions/" + first[0]).body();
                    assertThat(execution).contains("id=\"resume-form\"", "id=\"version-link\"");
                    assertThat(execution)
                            .as("the timeline is the text that ran, not the edited page")
                            .contains("The runbook changed since this run.")
                            .doesNotContain("{runtime}/edited/");
                    String version = operator.get("/executions/" + first[0] + "/version").body();
                    assertThat(version)
                            .contains("id=\"changed\"", "(as it ran)")
                            .contains("-| 3 | `http GET {runtime}/three/{steps.1.body.id}`")
                            .contains("+| 3 | `http GET {runtime}/edited/{steps.2.status}`");

                    HttpResponse<String> resumed =
                            operator.postForm(
                                    "/executions/" + first[0] + "/resume",
                                    Map.of("reason", "the endpoint is back"));
                    assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(303);
                    long next =
                            Long.parseLong(
                                    resumed.headers()
                                            .firstValue("Location")
                                            .orElseThrow()
                                            .substring("/executions/".length()));
                    LiveRuns runs = fixture.current().onCall().runs();
                    approve(runs, next, 3);
                    approve(runs, next, 4);
                    approve(runs, next, 5);
                    awaitStatus(runs.store(), next, RunStatus.SUCCEEDED);

                    assertThat(paths())
                            .as("steps 1 and 2 are not called again; the old step 3 ran")
                            .containsExactly(
                                    "/one",
                                    "/two",
                                    "/three/abc-1",
                                    "/three/abc-1",
                                    "/four",
                                    "/five");
                    Lineage lineage = runs.store().lineage(next).orElseThrow();
                    assertThat(lineage.continuation().orElseThrow().parentId()).isEqualTo(first[0]);
                    assertThat(lineage.continuation().orElseThrow().by())
                            .isEqualTo("otto operator");
                    assertThat(lineage.continuation().orElseThrow().fromStep()).isEqualTo(3);
                    assertThat(operator.get("/history").body())
                            .contains(
                                    "continues execution "
                                            + first[0]
                                            + " from step 3 (pinned version, resumed by otto"
                                            + " operator)");
                    HttpResponse<String> twice =
                            operator.postForm(
                                    "/executions/" + next + "/resume", Map.of("reason", "again"));
                    assertThat(twice.statusCode()).isEqualTo(409);
                    assertThat(twice.body()).contains("is succeeded; only a failed");
                    fixture.current().close();
                });
    }

    @Test
    void anAlertLabelFillsAParameterAsOneWordAndTheExportsValidateAgainstTheSchema()
            throws Exception {
        OnCallSettings settings = fixture.settings();
        Harness.serve(
                vertx -> ConsoleRoutes.create(vertx, fixture.parts(vertx, settings)),
                (port, client) -> {
                    ConsoleParts parts = fixture.current();
                    ExecutionStore store = parts.onCall().runs().store();
                    String label = "node 7 --delete-all --force";
                    fixture.deliver(client, Alerts.firing("ParamsAlert", "fp-params", label));
                    Incident incident = fixture.incident("fp-params");
                    OnCallFixture.await(
                            "the automatic run to succeed",
                            () ->
                                    fixture.remediation(incident).state()
                                            == RemediationState.SUCCEEDED);
                    long run = fixture.remediation(incident).executionId().orElseThrow();
                    ExecutionRecord record = store.find(run).orElseThrow();
                    assertThat(record.steps().get(0).output())
                            .as("the label is one argument; nothing became an option")
                            .isEqualTo(
                                    "exit 0: 4|observe|node 7 --delete-all --force|--replicas|2|");
                    assertThat(store.lineage(run).orElseThrow().params())
                            .containsEntry("instance", label)
                            .containsEntry("replicas", "2");

                    HarnessClient operator = client.withToken(fixture.operator);
                    assertThat(
                                    operator.postForm(
                                                    "/incidents/" + incident.id() + "/ack",
                                                    Map.of())
                                            .statusCode())
                            .isEqualTo(303);
                    store.engageKillSwitch("ada admin", "a drill of the switch", Instant.now());
                    store.releaseKillSwitch("ada admin", Instant.now());
                    fixture.deliver(client, Alerts.resolved("ParamsAlert", "fp-params"));

                    fixture.deliver(client, Alerts.firing("PreparedAlert", "fp-prepared"));
                    Incident prepared = fixture.incident("fp-prepared");
                    long waiting = fixture.remediation(prepared).executionId().orElseThrow();
                    LiveRuns runs = parts.onCall().runs();
                    approve(runs, waiting, 1, "abe approver");
                    approve(runs, waiting, 2, "abe approver");
                    awaitStatus(store, waiting, RunStatus.SUCCEEDED);

                    for (Incident each : List.of(incident, prepared)) {
                        HttpResponse<String> json =
                                operator.get("/incidents/" + each.id() + "/export?format=json");
                        assertThat(json.statusCode()).isEqualTo(200);
                        assertThat(json.headers().firstValue("Content-Type"))
                                .contains("application/json");
                        assertThat(JsonSchemas.errors(JsonSchemas.INCIDENT_EXPORT, json.body()))
                                .as("incident " + each.id() + " against the schema")
                                .isEmpty();
                        assertThat(
                                        JsonSchemas.errors(
                                                JsonSchemas.INCIDENT_EXPORT,
                                                json.body().replace("\"pages\"", "\"paged\"")))
                                .as("the schema can fail")
                                .isNotEmpty();
                    }
                    JsonNode auto =
                            JSON.readTree(
                                    operator.get(
                                                    "/incidents/"
                                                            + incident.id()
                                                            + "/export?format=json")
                                            .body());
                    assertThat(auto.at("/alerts").findValuesAsText("status"))
                            .containsExactly("firing", "resolved");
                    assertThat(auto.at("/pages/0/person").asText()).isEqualTo("Ana");
                    assertThat(auto.at("/pages/0/acknowledged_by").asText())
                            .isEqualTo("otto operator");
                    assertThat(auto.at("/times/time_to_acknowledge_seconds").isNumber()).isTrue();
                    assertThat(auto.at("/times/time_to_resolve_seconds").isNumber()).isTrue();
                    assertThat(auto.at("/executions/0/params/instance").asText()).isEqualTo(label);
                    assertThat(auto.at("/executions/0/steps/0/estimate_seconds").asDouble())
                            .isEqualTo(10.0);
                    assertThat(auto.at("/executions/0/steps/1/values_seen/0/observed").asText())
                            .isEqualTo("status=200");
                    assertThat(auto.at("/kill_switch").findValuesAsText("by"))
                            .containsExactly("ada admin", "ada admin");
                    JsonNode approvals =
                            JSON.readTree(
                                            operator.get(
                                                            "/incidents/"
                                                                    + prepared.id()
                                                                    + "/export?format=json")
                                                    .body())
                                    .at("/approvals");
                    assertThat(approvals.findValuesAsText("by")).contains("abe approver");
                    assertThat(approvals.findValuesAsText("decision")).contains("approved");
                    String markdown =
                            operator.get("/incidents/" + incident.id() + "/export?format=md")
                                    .body();
                    assertThat(markdown)
                            .startsWith("# Incident " + incident.id() + ": ParamsAlert")
                            .contains("## Pages and acknowledgements", "| primary | Ana |")
                            .contains("## Kill switch", "a drill of the switch");
                    assertThat(
                                    operator.get(
                                                    "/incidents/"
                                                            + incident.id()
                                                            + "/export?format=pdf")
                                            .statusCode())
                            .isEqualTo(400);
                    fixture.current().close();
                });
    }

    @Test
    void aShadowRunbookIsPromotableAfterThreeCleanShadowRunsInARowAndNotBefore() throws Exception {
        OnCallSettings settings = fixture.settings();
        Harness.serve(
                vertx -> ConsoleRoutes.create(vertx, fixture.parts(vertx, settings)),
                (port, client) -> {
                    ExecutionStore store = fixture.current().onCall().runs().store();
                    HarnessClient approver = client.withToken(fixture.approver);
                    long failed = shadowRun(client, "fp-shadow-0", store);
                    fixture.runtime.answer(500, "{}");
                    assertThat(
                                    store.find(shadowRun(client, "fp-shadow-1", store))
                                            .orElseThrow()
                                            .summary()
                                            .status())
                            .isEqualTo(RunStatus.ESCALATED);
                    fixture.runtime.answer(200, BODY);
                    shadowRun(client, "fp-shadow-2", store);
                    shadowRun(client, "fp-shadow-3", store);
                    HttpResponse<String> early = promote(approver);
                    assertThat(early.statusCode()).isEqualTo(409);
                    assertThat(early.body())
                            .contains(
                                    "shadow-heals needs its last 3 alert-triggered shadow runs to"
                                            + " end clean; 2 have since its last run that did not");
                    assertThat(promote(client.withToken(fixture.operator)).statusCode())
                            .as("an operator may not promote")
                            .isEqualTo(403);
                    long clean = shadowRun(client, "fp-shadow-4", store);
                    assertThat(
                                    fixture.runtime.requests().stream()
                                            .filter(r -> r.path().equals("/restart")))
                            .as("no shadow run changed anything")
                            .isEmpty();
                    assertThat(approver.get("/runbooks/shadow-heals/shadow").body())
                            .contains("3 of the last 3", "id=\"promote-form\"");

                    assertThat(promote(approver).statusCode()).isEqualTo(303);
                    assertThat(approver.get("/runbooks/shadow-heals/shadow").body())
                            .contains("Promoted from shadow to auto by abe approver");
                    assertThat(
                                    fixture.current()
                                            .onCall()
                                            .promotions()
                                            .promotion("shadow-heals")
                                            .orElseThrow()
                                            .evidence())
                            .contains(Long.toString(clean))
                            .doesNotContain(Long.toString(failed));

                    fixture.deliver(client, Alerts.firing("ShadowAlert", "fp-shadow-5"));
                    Incident promoted = fixture.incident("fp-shadow-5");
                    OnCallFixture.await(
                            "the promoted runbook to run automatically",
                            () ->
                                    fixture.remediation(promoted).state()
                                            == RemediationState.SUCCEEDED);
                    long run = fixture.remediation(promoted).executionId().orElseThrow();
                    assertThat(store.find(run).orElseThrow().summary().mode())
                            .isEqualTo(Mode.AUTOMATIC);
                    assertThat(
                                    fixture.runtime.requests().stream()
                                            .filter(r -> r.path().equals("/restart")))
                            .hasSize(1);
                    fixture.current().close();
                });
    }

    @Test
    void anAutomaticRunItsNodeDiedOnIsInterruptedWaitsForAPersonAndIsResumedIntoItsIncident()
            throws Exception {
        OnCallSettings settings =
                fixture.settings().withApprovalTimeout(java.time.Duration.ofMinutes(10));
        Harness.serve(
                vertx -> ConsoleRoutes.create(vertx, fixture.parts(vertx, settings)),
                (port, client) -> {
                    ConsoleParts nodeA = fixture.current();
                    fixture.deliver(client, Alerts.firing("WaitAlert", "fp-crash"));
                    Incident incident = fixture.incident("fp-crash");
                    OnCallFixture.await(
                            "the automatic run to reach step 2",
                            () ->
                                    fixture.remediation(incident).executionId().isPresent()
                                            && nodeA.onCall()
                                                            .runs()
                                                            .store()
                                                            .lineage(
                                                                    fixture.remediation(incident)
                                                                            .executionId()
                                                                            .get())
                                                            .orElseThrow()
                                                            .lastStep()
                                                            .orElse(0)
                                                    == 2);
                    long dead = fixture.remediation(incident).executionId().orElseThrow();
                    io.vertx.core.Vertx other = io.vertx.core.Vertx.vertx();
                    try {
                        ConsoleParts nodeB = fixture.parts(other, settings);
                        ExecutionStore store = nodeB.onCall().runs().store();
                        // Node A's process "dies": its heartbeat stops, as kill -9 would stop it,
                        // an hour ago, in a run that started then. Node A's live heartbeat can
                        // land between the update and the sweep; then the run is alive, and the
                        // "death" is staged again.
                        int pagesBefore = fixture.primary.bodies().size();
                        for (int attempt = 0;
                                attempt < 5
                                        && store.find(dead).orElseThrow().summary().status()
                                                != RunStatus.INTERRUPTED;
                                attempt++) {
                            try (var c = fixture.database.dataSource().getConnection();
                                    var s =
                                            c.prepareStatement(
                                                    "update engine_execution set heartbeat_at = ?,"
                                                            + " started_at = ? where id = ?")) {
                                var hourAgo =
                                        Instant.now()
                                                .minusSeconds(3600)
                                                .atOffset(java.time.ZoneOffset.UTC);
                                s.setObject(1, hourAgo);
                                s.setObject(2, hourAgo);
                                s.setLong(3, dead);
                                s.executeUpdate();
                            }
                            nodeB.onCall().sweep();
                        }

                        assertThat(store.find(dead).orElseThrow().summary().status())
                                .isEqualTo(RunStatus.INTERRUPTED);
                        assertThat(fixture.remediation(incident).state())
                                .isEqualTo(RemediationState.INTERRUPTED);
                        assertThat(fixture.timeline(incident))
                                .anyMatch(
                                        l ->
                                                l.startsWith(
                                                                "NOTE execution "
                                                                        + dead
                                                                        + " of auto-waits was"
                                                                        + " interrupted at step 2:"
                                                                        + " its process stopped"
                                                                        + " mid-run. It is not"
                                                                        + " resumed automatically")
                                                        && l.endsWith("/executions/" + dead));
                        assertThat(fixture.primary.bodies())
                                .as("the rotation is paged for a person")
                                .hasSize(pagesBefore + 1);
                        int executions = store.recent(50).size();
                        nodeB.onCall().desk().remediation().restore();
                        nodeB.onCall().sweep();
                        assertThat(store.recent(50))
                                .as("nothing resumes it by itself")
                                .hasSize(executions);

                        long next =
                                nodeB.onCall()
                                        .resumptions()
                                        .resume(
                                                new io.tensorwasm.ops.engine.exec.Resumption.Ask(
                                                        dead,
                                                        java.util.OptionalInt.of(3),
                                                        "otto operator",
                                                        "node A is gone; the wait is over",
                                                        false));
                        approve(nodeB.onCall().runs(), next, 3);
                        awaitStatus(store, next, RunStatus.SUCCEEDED);
                        assertThat(fixture.remediation(incident).state())
                                .isEqualTo(RemediationState.RESUMED);
                        assertThat(fixture.remediation(incident).executionId()).contains(next);
                        assertThat(fixture.timeline(incident))
                                .contains(
                                        "RUN_STARTED execution "
                                                + next
                                                + " of auto-waits started (resumed by otto"
                                                + " operator, continues execution "
                                                + dead
                                                + " from step 3 (pinned version): node A is gone;"
                                                + " the wait is over)");
                        String export =
                                client.withToken(fixture.operator)
                                        .get("/incidents/" + incident.id() + "/export?format=json")
                                        .body();
                        assertThat(JsonSchemas.errors(JsonSchemas.INCIDENT_EXPORT, export))
                                .isEmpty();
                        assertThat(JSON.readTree(export).at("/executions").findValuesAsText("id"))
                                .containsExactly(Long.toString(dead), Long.toString(next));
                        nodeB.close();
                    } finally {
                        nodeA.close();
                        other.close();
                    }
                });
    }

    @Test
    void seedStyleFilesArePlannedRunAndPinnedFromTheCatalogue() throws Exception {
        OnCallSettings settings = fixture.settings();
        Harness.serve(
                vertx -> ConsoleRoutes.create(vertx, fixture.parts(vertx, settings)),
                (port, client) -> {
                    HarnessClient operator = client.withToken(fixture.operator);
                    assertThat(operator.get("/runbooks").body())
                            .contains("p1-001", "p1-004", "p2-001");
                    assertThat(operator.get("/runbooks/p1-001").body())
                            .contains("Supervisor Process Crash");
                    ExecutionStore store = fixture.current().onCall().runs().store();
                    for (String seed : List.of("p1-001", "p2-001")) {
                        HttpResponse<String> plan =
                                operator.postForm("/runbooks/" + seed + "/dry-run", Map.of());
                        assertThat(plan.statusCode()).as(plan.body()).isEqualTo(303);
                    }
                    assertThat(store.recent(5))
                            .extracting(e -> e.runbookId() + " " + e.mode().word())
                            .containsExactly("p2-001 dry-run", "p1-001 dry-run");

                    LiveRuns runs = fixture.current().onCall().runs();
                    Runbook gpu = fixture.current().library().runbook("p2-001").orElseThrow();
                    long run = runs.interactive(gpu, "otto operator");
                    approve(runs, run, 1);
                    approve(runs, run, 2);
                    approve(runs, run, 3);
                    // The confirm step asks once; its manual check is that answer.
                    OnCallFixture.await(
                            "a statement to confirm",
                            () ->
                                    runs.live(run)
                                            .map(r -> r.snapshot().pending())
                                            .map(q -> q.kindWord().equals("confirm"))
                                            .orElse(false));
                    LiveRun live = runs.live(run).orElseThrow();
                    assertThat(
                                    live.answer(
                                            live.snapshot().pending().number(),
                                            Answer.confirm("otto operator", true)))
                            .isTrue();
                    awaitStatus(store, run, RunStatus.SUCCEEDED);
                    ExecutionRecord record = store.find(run).orElseThrow();
                    assertThat(record.steps().get(0).action()).isEqualTo("shell ls -la /tmp");
                    assertThat(store.runbookText(record.summary().contentHash()).orElseThrow())
                            .satisfies(t -> assertThat(t.fileName()).isEqualTo("gpu-table.txt"))
                            .satisfies(
                                    t ->
                                            assertThat(t.text())
                                                    .startsWith("P2-001: GPU Dispatch Slow"));
                    assertThat(operator.get("/executions/" + run + "/version").body())
                            .contains("P2-001: GPU Dispatch Slow")
                            .doesNotContain("id=\"changed\"");
                    fixture.current().close();
                });
    }

    private long shadowRun(HarnessClient client, String fingerprint, ExecutionStore store)
            throws Exception {
        fixture.deliver(client, Alerts.firing("ShadowAlert", fingerprint));
        Incident incident = fixture.incident(fingerprint);
        assertThat(fixture.remediation(incident).state()).isEqualTo(RemediationState.SHADOW);
        OnCallFixture.await(
                "the shadow run of " + fingerprint,
                () ->
                        store.recent(50).stream()
                                .anyMatch(
                                        e ->
                                                e.trigger().value().equals(fingerprint)
                                                        && e.status() != RunStatus.RUNNING));
        return store.recent(50).stream()
                .filter(e -> e.trigger().value().equals(fingerprint))
                .findFirst()
                .orElseThrow()
                .id();
    }

    private static HttpResponse<String> promote(HarnessClient client) throws Exception {
        return client.postForm(
                "/runbooks/shadow-heals/promote", Map.of("reason", "clean shadow runs"));
    }

    private List<String> paths() {
        return fixture.runtime.requests().stream()
                .map(HttpRecorder.Request::path)
                .filter(p -> !p.equals("/healthz"))
                .toList();
    }

    static void approve(LiveRuns runs, long execution, int step) throws Exception {
        approve(runs, execution, step, "otto operator");
    }

    static void approve(LiveRuns runs, long execution, int step, String who) throws Exception {
        awaitQuestion(runs, execution, step);
        LiveRun run = runs.live(execution).orElseThrow();
        assertThat(run.answer(run.snapshot().pending().number(), Answer.approve(who))).isTrue();
    }

    static void awaitQuestion(LiveRuns runs, long execution, int step) throws Exception {
        OnCallFixture.await(
                "execution " + execution + " to ask about step " + step,
                () ->
                        runs.live(execution)
                                .map(r -> r.snapshot().pending())
                                .map(q -> q.step() == step)
                                .orElse(false));
    }

    static void awaitStatus(ExecutionStore store, long execution, RunStatus status)
            throws Exception {
        OnCallFixture.await(
                "execution " + execution + " to be " + status.word(),
                () -> store.find(execution).orElseThrow().summary().status() == status);
    }
}

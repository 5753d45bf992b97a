package io.tensorwasm.ops.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tensorwasm.ops.engine.model.RunStatus;
import io.tensorwasm.ops.engine.model.StepResult;
import io.tensorwasm.ops.engine.store.ExecutionRecord;
import io.tensorwasm.ops.testkit.HarnessClient;
import io.tensorwasm.ops.testkit.HttpRecorder;
import io.tensorwasm.ops.testkit.Listeners;
import io.tensorwasm.ops.testkit.WasmCorpus;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet on one machine, for real (issue #21): {@code twops start --replicas 3} runs three runtime
 * replicas behind HAProxy on one registry, with Prometheus, Alertmanager and the console. The
 * console runs {@code fleet-upgrade} across them under continuous wrk load, then a release that
 * cannot start on replica 2, then a replica hangs and its alert's remediation restarts it alone.
 * The tests share the one loop, in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Path dir;

    private final HttpRecorder pager = HttpRecorder.answering(200, "{}");
    private FleetLoop fleet;

    @BeforeAll
    void start(@TempDir Path temp) throws Exception {
        dir = temp;
        fleet = new FleetLoop(dir, pager.url("/primary"));
    }

    @AfterAll
    void stop() throws Exception {
        if (fleet != null) {
            fleet.close();
            LoopProcesses.assertNoneRuns(fleet.data);
        }
        pager.close();
    }

    @Test
    @Order(1)
    void theStartReportPrintsTheLoadBalancersUrlAndItAnswers() throws Exception {
        String lb = "http://127.0.0.1:" + fleet.balancer + "/";
        assertThat(fleet.output())
                .contains(
                        "starting 3 runtime replicas behind HAProxy, Prometheus, Alertmanager and"
                                + " the console...")
                .contains(
                        "  runtime       "
                                + lb
                                + "  the load balancer (HAProxy) in front of 3 replicas\n")
                .contains("  replica-2     http://127.0.0.1:" + fleet.replicas.get(1) + "/\n")
                .contains(
                        "  prometheus    http://127.0.0.1:"
                                + fleet.prometheus
                                + "/  scrapes every replica");
        HttpResponse<String> health = HarnessClient.of(fleet.balancer).get("/healthz");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");
        // The fleet adds listeners (HAProxy, the registry's H2 server, the replicas): every one of
        // them on loopback, as a single runtime's are (issue #16).
        assertThat(Listeners.of(fleet.twops.pid()))
                .isNotEmpty()
                .allMatch(Listeners.Listener::loopback, "listens on loopback only");
        Path socket = fleet.data.resolve("fleet/haproxy.sock");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(fleet.data.resolve("fleet/fleet.yml")))
                .contains(
                        "load_balancer: {kind: haproxy, socket: haproxy.sock, backend: tensor-wasm}");
        // Prometheus lists its targets once its scrape manager has synced, shortly after start.
        Instant deadline = Instant.now().plusSeconds(30);
        String targets = prometheus("/api/v1/targets?state=active");
        while (!scrapesEveryReplica(targets) && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            targets = prometheus("/api/v1/targets?state=active");
        }
        for (int port : fleet.replicas) {
            assertThat(targets).contains("\"instance\":\"127.0.0.1:" + port + "\"");
        }
    }

    @Test
    @Order(2)
    void upgradesEveryReplicaUnderLoadWithoutAFailedRequestCanaryFirst() throws Exception {
        String function = deployEverywhere();
        List<Long> before = pids();
        for (int i = 0; i < 3; i++) {
            fleet.install(i, "v0.2.0");
        }
        FleetLoop.Run run;
        WrkLoad.Result load;
        Path loadDir = Files.createDirectories(dir.resolve("wrk"));
        try (WrkLoad wrk =
                new WrkLoad(
                        loadDir,
                        URI.create(
                                "http://127.0.0.1:"
                                        + fleet.balancer
                                        + "/functions/"
                                        + function
                                        + "/invoke"),
                        fleet.runtimeToken())) {
            Thread.sleep(5000);
            run = upgrade("v0.2.0");
            load = wrk.stop();
            System.out.println(wrk.output());
        }

        ExecutionRecord record = fleet.record(run.id());
        System.out.printf(
                "rolling upgrade to v0.2.0 under load: %d requests, %d failed (non-2xx %d of which"
                        + " 429 %d and 5xx %d, socket errors %d); %s%n",
                load.requests(),
                load.non2xx() + load.socketErrors(),
                load.non2xx(),
                load.limited(),
                load.serverErrors(),
                load.socketErrors(),
                timePerReplica(record));
        assertThat(run.status()).as(record.summary().summary()).isEqualTo("succeeded");
        assertThat(load.requests()).isGreaterThan(100);
        assertThat(load.non2xx()).as("responses outside 2xx").isZero();
        assertThat(load.socketErrors()).as("connect, read, write and timeout errors").isZero();
        for (int i = 0; i < 3; i++) {
            assertThat(fleet.version(i)).as("replica-%d's own /metrics", i + 1).isEqualTo("v0.2.0");
            assertThat(fleet.pid(i)).as("replica-%d's process", i + 1).isNotEqualTo(before.get(i));
        }
        assertThat(record.members())
                .extracting(m -> m.member() + " " + m.batch())
                .containsExactly("replica-1 canary", "replica-2 batch 1", "replica-3 batch 2");
        assertThat(record.members())
                .allSatisfy(
                        m ->
                                assertThat(m.steps())
                                        .extracting(StepResult::step)
                                        .containsExactly(6, 7, 8, 9, 10, 11, 12, 13));
        Instant canaryDone = last(record.members().get(0).steps()).finished();
        assertThat(record.members().get(1).steps().get(0).started()).isAfter(canaryDone);
        String page = fleet.console().get("/executions/" + run.id()).body();
        assertThat(page).contains("id=\"members\"").contains("data-member=\"replica-3\"");
    }

    @Test
    @Order(3)
    void aReleaseThatDoesNotStartOnReplica2IsRolledBackAndStopsTheRolloutAndPages()
            throws Exception {
        fleet.install(0, "v0.3.0");
        fleet.installBroken(1, "v0.3.0");
        fleet.install(2, "v0.3.0");
        List<Long> before = pids();

        FleetLoop.Run run = upgrade("v0.3.0");

        ExecutionRecord record = fleet.record(run.id());
        assertThat(run.status()).as(record.summary().summary()).isEqualTo("escalated");
        assertThat(record.summary().summary())
                .startsWith("rollout stopped at steps 6 to 13: 1 member failed, past max_fail 0")
                .contains("untouched: replica-3");
        assertThat(record.members())
                .extracting(m -> m.member())
                .containsExactly("replica-1", "replica-2");
        StepResult failed = last(record.members().get(1).steps());
        assertThat(failed.step()).isEqualTo(9);
        assertThat(failed.status()).isEqualTo(StepResult.Status.FAILED);
        assertThat(failed.note()).contains("hands over to runbook rollback-member");
        ExecutionRecord rollback = fleet.record(run.id() + 1);
        assertThat(rollback.summary().runbookId()).isEqualTo("rollback-member");
        assertThat(rollback.summary().target()).isEqualTo("replica-2");
        assertThat(rollback.summary().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(fleet.version(0)).isEqualTo("v0.3.0");
        assertThat(fleet.version(1)).as("replica-2 rolled back").isEqualTo("v0.2.0");
        assertThat(fleet.version(2)).as("replica-3 untouched").isEqualTo("v0.2.0");
        assertThat(fleet.pid(2)).as("replica-3's process").isEqualTo(before.get(2));
        JsonNode incident = awaitIncident("execution:" + run.id(), Duration.ofSeconds(30));
        assertThat(incident.get("severity").asText()).isEqualTo("sev-2");
        assertThat(pager.bodies()).anySatisfy(body -> assertThat(body).contains("rollout stopped"));
    }

    @Test
    @Order(4)
    void aHungReplicaAlertsForItsInstanceAloneAndItsRemediationRestartsOnlyIt() throws Exception {
        List<Long> before = pids();
        String instance = "127.0.0.1:" + fleet.replicas.get(2);
        FleetLoop.signal("STOP", before.get(2));
        try {
            remediationRestartsOnlyTheHungReplica(before, instance);
        } finally {
            // The remediation kills the stopped process; where it did not, let it go on, so the
            // loop can stop it.
            if (fleet.pid(2) == before.get(2)) {
                FleetLoop.signal("CONT", before.get(2));
            }
        }
    }

    private void remediationRestartsOnlyTheHungReplica(List<Long> before, String instance)
            throws Exception {
        JsonNode incident = awaitAlertIncident(instance, Duration.ofSeconds(120));
        String firing =
                prometheus(
                        "/api/v1/query?query="
                                + URLEncoder.encode(
                                        "ALERTS{alertname=\"TensorWasmRuntimeDown\"}",
                                        StandardCharsets.UTF_8));
        assertThat(firing).contains(instance);
        for (int i = 0; i < 2; i++) {
            assertThat(firing).doesNotContain("127.0.0.1:" + fleet.replicas.get(i));
        }
        long execution = awaitRemediation(incident.get("id").asLong(), Duration.ofSeconds(240));
        ExecutionRecord record = fleet.record(execution);
        assertThat(record.summary().runbookId()).isEqualTo("runtime-down");
        assertThat(record.summary().target()).isEqualTo("replica-3");
        assertThat(record.summary().status())
                .as(record.summary().summary())
                .isEqualTo(RunStatus.SUCCEEDED);
        assertThat(fleet.pid(2)).as("replica-3 restarted").isNotEqualTo(before.get(2));
        assertThat(fleet.pid(0)).as("replica-1 untouched").isEqualTo(before.get(0));
        assertThat(fleet.pid(1)).as("replica-2 untouched").isEqualTo(before.get(1));
        assertThat(HarnessClient.of(fleet.replicas.get(2)).get("/healthz").statusCode())
                .isEqualTo(200);
    }

    private FleetLoop.Run upgrade(String version) throws Exception {
        return fleet.run(
                "fleet-upgrade", Map.of("var.target_version", version), Duration.ofMinutes(8));
    }

    /** Deploys the adder through the load balancer; returns once every replica invokes it. */
    private String deployEverywhere() throws Exception {
        HarnessClient lb = HarnessClient.of(fleet.balancer).withToken(fleet.runtimeToken());
        String wasm = Base64.getEncoder().encodeToString(WasmCorpus.bytes("ok"));
        HttpResponse<String> deployed =
                lb.postJson("/functions", "{\"name\":\"adder\",\"wasm_b64\":\"" + wasm + "\"}");
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(201);
        String id = JSON.readTree(deployed.body()).get("id").asText();
        for (int port : fleet.replicas) {
            HarnessClient replica = HarnessClient.of(port).withToken(fleet.runtimeToken());
            Instant deadline = Instant.now().plusSeconds(30);
            while (replica.postJson(
                                    "/functions/" + id + "/invoke",
                                    "{\"export\":\"add\",\"args\":[2,3]}")
                            .statusCode()
                    != 200) {
                assertThat(Instant.now())
                        .as("replica on %d serves %s", port, id)
                        .isBefore(deadline);
                Thread.sleep(500);
            }
        }
        return id;
    }

    private List<Long> pids() throws Exception {
        List<Long> pids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            pids.add(fleet.pid(i));
        }
        return pids;
    }

    private static StepResult last(List<StepResult> steps) {
        return steps.get(steps.size() - 1);
    }

    private static String timePerReplica(ExecutionRecord record) {
        List<String> parts = new ArrayList<>();
        for (ExecutionRecord.MemberSteps m : record.members()) {
            Duration took =
                    Duration.between(m.steps().get(0).started(), last(m.steps()).finished());
            parts.add(m.member() + " " + took.toMillis() / 100 / 10.0 + " s");
        }
        return "time per replica: " + String.join(", ", parts);
    }

    private boolean scrapesEveryReplica(String targets) {
        return fleet.replicas.stream()
                .allMatch(p -> targets.contains("\"instance\":\"127.0.0.1:" + p + "\""));
    }

    private String prometheus(String path) throws Exception {
        return HarnessClient.of(fleet.prometheus).get(path).body();
    }

    private JsonNode awaitIncident(String key, Duration timeout) throws Exception {
        return awaitIncidentWhere(i -> i.get("key").asText().equals(key), timeout);
    }

    private JsonNode awaitAlertIncident(String instance, Duration timeout) throws Exception {
        return awaitIncidentWhere(
                i ->
                        i.path("alert").asText().equals("TensorWasmRuntimeDown")
                                && i.get("host").asText().equals(instance),
                timeout);
    }

    private JsonNode awaitIncidentWhere(
            java.util.function.Predicate<JsonNode> which, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (JsonNode incident :
                    JSON.readTree(fleet.console().get("/api/incidents").body()).get("incidents")) {
                if (which.test(incident)) {
                    return incident;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError(
                "no such incident within "
                        + timeout
                        + ": "
                        + fleet.console().get("/api/incidents").body());
    }

    /** The incident's remediation execution, once it has ended. */
    private long awaitRemediation(long incident, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        String detail = "";
        while (Instant.now().isBefore(deadline)) {
            detail = fleet.console().get("/api/incidents/" + incident).body();
            Optional<Long> execution =
                    Optional.ofNullable(JSON.readTree(detail).path("remediation").get("execution"))
                            .map(JsonNode::asLong);
            if (execution.isPresent()
                    && fleet.record(execution.get()).summary().status() != RunStatus.RUNNING) {
                return execution.get();
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("the remediation did not end within " + timeout + ": " + detail);
    }
}

package io.tensorwasm.ops.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tensorwasm.ops.engine.LoopbackRuntime;
import io.tensorwasm.ops.engine.model.Fleet;
import io.tensorwasm.ops.engine.model.FleetMember;
import io.tensorwasm.ops.engine.model.MemberTarget;
import io.tensorwasm.ops.engine.model.RunStatus;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.model.StepResult;
import io.tensorwasm.ops.engine.parse.Catalog;
import io.tensorwasm.ops.engine.parse.LintReport;
import io.tensorwasm.ops.engine.store.ExecutionRecord;
import io.tensorwasm.ops.engine.store.ExecutionStore;
import io.tensorwasm.ops.engine.store.JdbcExecutionStore;
import io.tensorwasm.ops.engine.target.HaproxyRuntimeApi;
import io.tensorwasm.ops.engine.target.LoadBalancer;
import io.tensorwasm.ops.testkit.HaproxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fleet steps against a real HAProxy in front of three runtimes: the canary alone, then batches
 * step by step, one record row per member per step; a failed member handed over to another runbook
 * that acts on it alone, and a rollout stopped past max_fail with the rest untouched and a page.
 */
class FleetRunIT {

    @TempDir Path dir;

    private final List<LoopbackRuntime> runtimes = new ArrayList<>();
    private HaproxyServer haproxy;
    private ExecutionStore store;
    private Fleet fleet;
    private final RecordingPager pager = new RecordingPager();

    @BeforeEach
    void start() {
        HaproxyServer.Builder lb = HaproxyServer.builder();
        List<FleetMember> members = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            LoopbackRuntime runtime = LoopbackRuntime.start();
            runtimes.add(runtime);
            lb.server("replica-" + i, runtime.uri().getAuthority());
            members.add(
                    new FleetMember(
                            "replica-" + i,
                            runtime.uri(),
                            new MemberTarget.Local(dir.resolve("replica-" + i).toString()),
                            "replica-" + i));
        }
        haproxy = lb.start();
        fleet =
                new Fleet(
                        "test",
                        haproxy.baseUri(),
                        new Fleet.Balancer(haproxy.socket().toString(), "", HaproxyServer.BACKEND),
                        members);
        store = JdbcExecutionStore.open("jdbc:h2:file:" + dir.resolve("engine"), "", "");
    }

    @AfterEach
    void stop() {
        if (store != null) {
            store.close();
        }
        if (haproxy != null) {
            haproxy.close();
        }
        runtimes.forEach(LoopbackRuntime::close);
    }

    @Test
    void theCanaryGoesFirstThenEachBatchStepByStepWithARowPerMemberPerStep() throws Exception {
        awaitUp();
        Runbook roll = roll("canary 1, batch 2, max_fail 0");

        ExecutionReport report = executor().run(roll, RunRequest.interactive("alice"));

        assertThat(report.status()).as(report.summary()).isEqualTo(RunStatus.SUCCEEDED);
        ExecutionRecord record = store.find(report.executionId()).orElseThrow();
        assertThat(record.steps())
                .extracting(s -> s.step() + " " + s.member() + " " + s.batch())
                .containsExactly(
                        "1  ",
                        "2 replica-1 canary",
                        "3 replica-1 canary",
                        "4 replica-1 canary",
                        "5 replica-1 canary",
                        "2 replica-2 batch 1",
                        "2 replica-3 batch 1",
                        "3 replica-2 batch 1",
                        "3 replica-3 batch 1",
                        "4 replica-2 batch 1",
                        "4 replica-3 batch 1",
                        "5 replica-2 batch 1",
                        "5 replica-3 batch 1",
                        "6  ");
        assertThat(record.steps().get(1).action()).isEqualTo("lb drain");
        assertThat(record.steps().get(1).output()).startsWith("replica-1 DRAIN, 0 sessions");
        assertThat(record.steps().get(3).action()).isEqualTo("http GET {member.url}/healthz");
        for (String server : List.of("replica-1", "replica-2", "replica-3")) {
            assertThat(api().state(server).status()).isEqualTo("UP");
        }
    }

    @Test
    void aFailedMemberIsHandedOverAloneAndTheRolloutStopsPastMaxFailWithAPage() throws Exception {
        awaitUp();
        runtimes.get(1).health("{\"status\":\"broken\"}");
        Runbook roll = roll("canary 1, batch 1, max_fail 0, pause 1s");

        ExecutionReport report = executor().run(roll, RunRequest.interactive("alice"));

        assertThat(report.status()).isEqualTo(RunStatus.ESCALATED);
        ExecutionRecord record = store.find(report.executionId()).orElseThrow();
        assertThat(record.steps())
                .extracting(StepResult::member)
                .contains("replica-1", "replica-2")
                .doesNotContain("replica-3");
        StepResult failed =
                record.steps().stream()
                        .filter(s -> s.status() == StepResult.Status.FAILED)
                        .findFirst()
                        .orElseThrow();
        assertThat(failed.step()).isEqualTo(4);
        assertThat(failed.member()).isEqualTo("replica-2");
        assertThat(failed.batch()).isEqualTo("batch 1");
        assertThat(failed.note()).contains("hands over to runbook member-fix");

        // The hand-over ran against replica-2 alone: its {runtime} and lb were replica-2's.
        ExecutionRecord fix = store.find(report.executionId() + 1).orElseThrow();
        assertThat(fix.summary().runbookId()).isEqualTo("member-fix");
        assertThat(fix.summary().target()).isEqualTo("replica-2");
        assertThat(fix.summary().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(fix.steps()).extracting(StepResult::member).containsOnly("replica-2");
        assertThat(runtimes.get(1).metricsFor("/work")).isEqualTo(1);
        assertThat(runtimes.get(0).metricsFor("/work")).isZero();
        assertThat(runtimes.get(2).metricsFor("/work")).isZero();
        assertThat(api().state("replica-2").status()).isEqualTo("MAINT");
        assertThat(api().state("replica-3").status()).isEqualTo("UP");
        assertThat(api().state("replica-1").status()).isEqualTo("UP");

        assertThat(pager.pages()).hasSize(1);
        Escalation page = pager.pages().get(0);
        assertThat(page.severity()).isEqualTo("sev-1");
        assertThat(page.message())
                .isEqualTo(
                        "rollout stopped at steps 2 to 5: 1 member failed, past max_fail 0"
                                + " (replica-2: step 4 failed: body.status == \"ready\"; observed"
                                + " body.status=\"broken\"; handed over to runbook member-fix"
                                + " (execution "
                                + fix.summary().id()
                                + ", succeeded)); untouched: replica-3; page the lead with the"
                                + " rollout's evidence.");
        assertThat(report.summary()).contains("untouched: replica-3");
    }

    @Test
    void aRunbookWithFleetStepsNeedsAFleetAndCannotStartInsideItsBlock() {
        Runbook roll = roll("canary 1");
        Executor noFleet = new Executor(RunContext.builder().store(store).build());

        assertThatThrownBy(() -> noFleet.run(roll, RunRequest.interactive("alice")))
                .hasMessage(
                        "roll: steps 2 to 5 address a fleet and this run has none; give it the"
                                + " fleet file (twops start --replicas N writes data/fleet/fleet.yml)");
        assertThatThrownBy(() -> executor().run(roll, RunRequest.interactive("alice").from(3)))
                .hasMessage(
                        "step 3 of roll is inside the fleet block of steps 2 to 5; start from its"
                                + " first step, 2");
        assertThat(store.recent(5)).isEmpty();
    }

    private LoadBalancer api() {
        return HaproxyRuntimeApi.of(fleet.balancer());
    }

    /** Waits until HAProxy's health checks have every server up. */
    private void awaitUp() throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            boolean up = true;
            for (FleetMember m : fleet.members()) {
                up &= api().state(m.server()).status().equals("UP");
            }
            if (up) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(
                "HAProxy did not see every server up: " + haproxy.process().tail());
    }

    private static final String MEMBER_FIX =
            """
                                ---
                                id: member-fix
                                kind: procedure
                                sla: 5m
                                targets: [runtime]
                                ---

                                | Step | Action | Expected | Within | On failure | Estimate |
                                |---|---|---|---|---|---|
                                | 1 | `http GET {runtime}/work` | `status == 200` | | abort | 10s |
                                | 2 | `lb maint` | `state == "MAINT"` | | abort | 10s |
                                """;

    private Executor executor() {
        Runbook fix = catalogue("canary 1").runbook("member-fix").orElseThrow();
        return new Executor(
                RunContext.builder()
                        .variable("runtime", haproxy.baseUri().toString())
                        .fleet(fleet)
                        .approvals(new ScriptedApprovals("alice"))
                        .pager(pager)
                        .store(store)
                        .catalog(
                                id -> id.equals("member-fix") ? Optional.of(fix) : Optional.empty())
                        .pollInterval(Duration.ofMillis(200))
                        .build());
    }

    private Runbook roll(String strategy) {
        return catalogue(strategy).runbook("roll").orElseThrow();
    }

    /** The two runbooks, linted together as one catalogue, so the hand-over finds member-fix. */
    private LintReport catalogue(String strategy) {
        Path pages = dir.resolve("runbooks");
        try {
            Files.createDirectories(pages);
            Files.writeString(pages.resolve("member-fix.md"), MEMBER_FIX);
            Files.writeString(pages.resolve("roll.md"), ROLL.formatted(strategy));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LintReport report = Catalog.lint(pages);
        assertThat(report.problems()).isEmpty();
        return report;
    }

    private static final String ROLL =
            """
                        ---
                        id: roll
                        kind: procedure
                        severity: sev-1
                        sla: 10m
                        targets: [runtime]
                        ---

                        # roll

                        | Step | Action | Expected | Within | On failure | Estimate |
                        |---|---|---|---|---|---|
                        | 1 | `http GET {runtime}/healthz` | `status == 200` | 10s | abort | 10s |

                        Fleet: %s

                        | Step | Action | Expected | Within | On failure | Estimate |
                        |---|---|---|---|---|---|
                        | 2 | `lb drain` | `state == "DRAIN"` | | abort | 10s |
                        | 3 | `lb status` | `sessions == 0` | 10s | abort | 10s |
                        | 4 | `http GET {member.url}/healthz` | `body.status == "ready"` | | runbook member-fix | 10s |
                        | 5 | `lb ready` | `state == "UP"` | | abort | 10s |

                        | Step | Action | Expected | Within | On failure | Estimate |
                        |---|---|---|---|---|---|
                        | 6 | `check` | `metric("tensor_wasm_jobs_in_flight") == 3` | | abort | 10s |

                        Escalation: page the lead with the rollout's evidence.
                        """;
}

package io.tensorwasm.ops.web.incidents;

import static io.tensorwasm.ops.oncall.incident.TimelineEvent.Kind.ALERT_FIRING;
import static io.tensorwasm.ops.oncall.incident.TimelineEvent.Kind.ALERT_RESOLVED;
import static io.tensorwasm.ops.oncall.incident.TimelineEvent.Kind.CHECK;
import static io.tensorwasm.ops.oncall.incident.TimelineEvent.Kind.ESCALATED;
import static io.tensorwasm.ops.oncall.incident.TimelineEvent.Kind.PAGE;
import static io.tensorwasm.ops.oncall.incident.TimelineEvent.Kind.RESOLVED;
import static io.tensorwasm.ops.oncall.incident.TimelineEvent.Kind.RUN_FINISHED;
import static io.tensorwasm.ops.oncall.incident.TimelineEvent.Kind.RUN_STARTED;
import static io.tensorwasm.ops.oncall.incident.TimelineEvent.Kind.STEP;
import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.engine.model.RunStatus;
import io.tensorwasm.ops.engine.store.ExecutionRecord;
import io.tensorwasm.ops.oncall.OnCallSettings;
import io.tensorwasm.ops.oncall.incident.Incident;
import io.tensorwasm.ops.oncall.remediation.RemediationState;
import io.tensorwasm.ops.testkit.Harness;
import io.tensorwasm.ops.testkit.HarnessClient;
import io.tensorwasm.ops.testkit.HttpRecorder;
import io.tensorwasm.ops.web.ConsoleParts;
import io.tensorwasm.ops.web.ConsoleRoutes;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runbook's policy for an alert, end to end inside the console: a real webhook delivery, the
 * engine's runs with the runtime token against a local HTTP stand-in for the runtime, the store's
 * guardrails, and pages through a rotation of local JSON-webhook pagers.
 */
class RemediationIT {

    @TempDir Path dir;

    private OnCallFixture fixture;
    private ConsoleParts services;

    @BeforeEach
    void open() throws Exception {
        fixture = new OnCallFixture(dir);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void autoRunsEveryStepIntoTheTimelineHoldsThePageAndTheResolutionClosesIt() throws Exception {
        serve(
                fixture.settings().withStillFiringGrace(Duration.ofSeconds(30)),
                client -> {
                    fixture.deliver(client, Alerts.firing("RuntimeFlaky", "fp-heal"));
                    Incident incident = fixture.incident("fp-heal");
                    OnCallFixture.await(
                            "the run to succeed",
                            () ->
                                    fixture.remediation(incident).state()
                                            == RemediationState.SUCCEEDED);

                    assertThat(
                                    fixture.runtime.requests().stream()
                                            .map(HttpRecorder.Request::authorization)
                                            .toList())
                            .as("http steps to {runtime} carry the runtime token")
                            .isNotEmpty()
                            .allMatch(a -> a.equals("Bearer " + OnCallFixture.RUNTIME_TOKEN));
                    assertThat(fixture.primary.bodies())
                            .singleElement()
                            .asString()
                            .contains(
                                    "\"summary\":\"RuntimeFlaky fires. The engine is running"
                                            + " auto-heals automatically; you are paged again if"
                                            + " it needs a person or does not fix it.\"");
                    Thread.sleep(1_200);
                    assertThat(services.onCall().sweep())
                            .as("the page is held while the alert has its grace")
                            .isZero();

                    fixture.deliver(client, Alerts.resolved("RuntimeFlaky", "fp-heal"));
                    // The run starts before the page goes out (issue #22), which lands among its
                    // first steps.
                    assertThat(fixture.kinds(incident))
                            .startsWith(ALERT_FIRING, RUN_STARTED)
                            .endsWith(RESOLVED, PAGE)
                            .filteredOn(kind -> kind == PAGE)
                            .as("the primary's page and the resolve it is told of")
                            .hasSize(2);
                    assertThat(fixture.kinds(incident))
                            .filteredOn(kind -> kind != PAGE)
                            .containsExactly(
                                    ALERT_FIRING,
                                    RUN_STARTED,
                                    STEP,
                                    CHECK,
                                    STEP,
                                    STEP,
                                    STEP,
                                    CHECK,
                                    RUN_FINISHED,
                                    ALERT_RESOLVED,
                                    RESOLVED);
                    assertThat(fixture.timeline(incident))
                            .last()
                            .isEqualTo("PAGE told of the resolve: Ana (primary)");
                    long execution = fixture.remediation(incident).executionId().orElseThrow();
                    assertThat(fixture.timeline(incident))
                            .contains(
                                    "RUN_STARTED execution "
                                            + execution
                                            + " of auto-heals started (automatic)",
                                    "STEP step 1 started: http GET {runtime}/healthz",
                                    "CHECK step 1 passed: status == 200 and body.status =="
                                            + " \"ok\" within 5s; observed status=200,"
                                            + " body.status=\"ok\"",
                                    "STEP step 2 started: wait 50ms",
                                    "STEP step 2 passed");
                    assertThat(fixture.remediation(incident).state())
                            .isEqualTo(RemediationState.VERIFIED);
                    assertThat(fixture.primary.bodies())
                            .last()
                            .asString()
                            .contains("\"event\":\"resolve\"");
                    Thread.sleep(1_200);
                    assertThat(services.onCall().sweep()).isZero();
                    assertThat(fixture.secondary.bodies()).isEmpty();
                });
    }

    @Test
    void aFailedCheckEscalatesThroughTheRotationUntilTheRotationIsBroken() throws Exception {
        serve(
                client -> {
                    fixture.deliver(client, Alerts.firing("RuntimeBroken", "fp-fail"));
                    Incident incident = fixture.incident("fp-fail");
                    OnCallFixture.await(
                            "the run to escalate",
                            () ->
                                    fixture.remediation(incident).state()
                                            == RemediationState.ESCALATED);
                    long execution = fixture.remediation(incident).executionId().orElseThrow();
                    assertThat(fixture.primary.bodies()).hasSize(2);
                    assertThat(fixture.timeline(incident))
                            .contains(
                                    "ESCALATED escalated: execution "
                                            + execution
                                            + " of auto-fails: step 1 failed: status == 503 within"
                                            + " 1s; observed status=200; page the on-call with what"
                                            + " the steps saw.");
                    for (int tier = 0; tier < 3; tier++) {
                        Thread.sleep(1_100);
                        assertThat(services.onCall().sweep()).isEqualTo(1);
                    }
                    assertThat(fixture.secondary.bodies()).hasSize(1);
                    assertThat(fixture.lead.bodies()).hasSize(1);
                    Incident broken =
                            services.onCall()
                                    .incidents()
                                    .findByKey("rotation-broken:" + incident.id())
                                    .orElseThrow();
                    assertThat(broken.title())
                            .isEqualTo(
                                    "Rotation broken: nobody acknowledged incident "
                                            + incident.id());
                    assertThat(fixture.kinds(incident))
                            .containsSubsequence(
                                    RUN_STARTED,
                                    CHECK,
                                    ESCALATED,
                                    PAGE,
                                    RUN_FINISHED,
                                    ESCALATED,
                                    PAGE,
                                    ESCALATED,
                                    PAGE,
                                    ESCALATED,
                                    ESCALATED);
                });
    }

    @Test
    void aShellStepNeverRunsUnattended() throws Exception {
        serve(
                client -> {
                    fixture.deliver(client, Alerts.firing("DiskFull", "fp-shell"));
                    Incident incident = fixture.incident("fp-shell");
                    OnCallFixture.await(
                            "the run to pause",
                            () ->
                                    fixture.remediation(incident).state()
                                            == RemediationState.ESCALATED);
                    ExecutionRecord run = execution(incident);
                    assertThat(run.summary().status()).isEqualTo(RunStatus.PAUSED);
                    assertThat(run.steps()).hasSize(2);
                    assertThat(run.steps().get(1).note())
                            .isEqualTo("step 2 (shell df -h) needs a person");
                    assertThat(fixture.primary.bodies())
                            .last()
                            .asString()
                            .contains(
                                    "step 2 (shell df -h) needs a person; resume with an"
                                            + " interactive run from step 2");
                });
    }

    @Test
    void theKillSwitchRefusesAutomaticRunsAndTheIncidentIsPagedAtOnce() throws Exception {
        serve(
                client -> {
                    HttpResponse<String> engaged =
                            client.withToken(fixture.admin)
                                    .postForm(
                                            "/admin/kill-switch",
                                            Map.of("action", "engage", "reason", "bad deploy"));
                    assertThat(engaged.statusCode()).isEqualTo(303);
                    assertThat(services.onCall().runs().store().killSwitch().changedBy())
                            .isEqualTo("ada admin");

                    fixture.deliver(client, Alerts.firing("RuntimeFlaky", "fp-kill"));
                    Incident incident = fixture.incident("fp-kill");
                    assertThat(fixture.remediation(incident).state())
                            .isEqualTo(RemediationState.REFUSED);
                    assertThat(fixture.timeline(incident))
                            .contains(
                                    "NOTE the automatic run was refused before anyone was paged:"
                                            + " auto-heals: the kill"
                                            + " switch is engaged by ada admin (bad deploy);"
                                            + " automatic runs are off");
                    assertThat(fixture.primary.bodies())
                            .as("one page, and it says the run was refused, and why")
                            .singleElement()
                            .asString()
                            .contains(
                                    "RuntimeFlaky fires. The automatic run of auto-heals was"
                                            + " refused: auto-heals: the kill switch is engaged"
                                            + " by ada admin (bad deploy); automatic runs are off."
                                            + " Nothing runs by itself: start an interactive run"
                                            + " from the incident.");
                    assertThat(fixture.remediation(incident).reason())
                            .isEqualTo(
                                    "auto-heals: the kill switch is engaged by ada admin (bad"
                                            + " deploy); automatic runs are off");
                    assertThat(fixture.runtime.bodies()).isEmpty();
                });
    }

    @Test
    void aSecondFiringOverTheHourlyLimitIsRefusedByTheStore() throws Exception {
        serve(
                client -> {
                    fixture.deliver(client, Alerts.firing("RuntimeFlaky", "fp-one"));
                    Incident first = fixture.incident("fp-one");
                    OnCallFixture.await(
                            "the first run to succeed",
                            () -> fixture.remediation(first).state() == RemediationState.SUCCEEDED);
                    fixture.deliver(client, Alerts.firing("RuntimeFlaky", "fp-two"));
                    Incident second = fixture.incident("fp-two");
                    assertThat(fixture.remediation(second).state())
                            .isEqualTo(RemediationState.REFUSED);
                    assertThat(fixture.timeline(second))
                            .contains(
                                    "NOTE the automatic run was refused before anyone was paged:"
                                            + " auto-heals: 1 automatic runs on runtime in the last"
                                            + " hour, the most its guardrails allow");
                });
    }

    @Test
    void anAlertThatStillFiresAfterASuccessfulRunEscalates() throws Exception {
        serve(
                client -> {
                    fixture.deliver(client, Alerts.firing("RuntimeFlaky", "fp-still"));
                    Incident incident = fixture.incident("fp-still");
                    OnCallFixture.await(
                            "the run to succeed",
                            () ->
                                    fixture.remediation(incident).state()
                                            == RemediationState.SUCCEEDED);
                    long execution = fixture.remediation(incident).executionId().orElseThrow();
                    Thread.sleep(1_100);
                    services.onCall().sweep();
                    assertThat(fixture.remediation(incident).state())
                            .isEqualTo(RemediationState.STILL_FIRING);
                    assertThat(fixture.timeline(incident))
                            .contains(
                                    "ESCALATED escalated: the alert still fires 1s after execution "
                                            + execution
                                            + " of auto-heals succeeded");
                    assertThat(fixture.primary.bodies()).hasSize(2);
                });
    }

    @Test
    void suggestPreparesARunThatOnlyAnApproverTakesAndThatExpiresIntoAnEscalation()
            throws Exception {
        serve(
                client -> {
                    fixture.deliver(client, Alerts.firing("LatencyHigh", "fp-take"));
                    Incident taken = fixture.incident("fp-take");
                    long execution = fixture.remediation(taken).executionId().orElseThrow();
                    assertThat(fixture.primary.bodies())
                            .singleElement()
                            .asString()
                            .contains("/executions/" + execution + "\"")
                            .contains("waits for a person with the approver role until");
                    Map<String, String> approve = Map.of("question", "1");
                    HttpResponse<String> byOperator =
                            client.withToken(fixture.operator)
                                    .postForm("/executions/" + execution + "/approve", approve);
                    assertThat(byOperator.statusCode()).isEqualTo(403);
                    assertThat(byOperator.body())
                            .contains("to approve a step you need the approver role or above");
                    HttpResponse<String> byApprover =
                            client.withToken(fixture.approver)
                                    .postForm("/executions/" + execution + "/approve", approve);
                    assertThat(byApprover.statusCode()).isEqualTo(303);
                    OnCallFixture.await(
                            "the prepared run to finish",
                            () -> fixture.remediation(taken).state() == RemediationState.FINISHED);
                    assertThat(fixture.timeline(taken))
                            .contains("NOTE the prepared run was taken by abe approver at step 1");

                    fixture.deliver(client, Alerts.firing("LatencyHigh", "fp-left"));
                    Incident left = fixture.incident("fp-left");
                    long waiting = fixture.remediation(left).executionId().orElseThrow();
                    Thread.sleep(1_100);
                    services.onCall().sweep();
                    assertThat(fixture.remediation(left).state())
                            .isEqualTo(RemediationState.EXPIRED);
                    OnCallFixture.await(
                            "the withdrawn run to end",
                            () -> services.onCall().runs().live(waiting).isEmpty());
                    assertThat(execution(left).summary().status()).isEqualTo(RunStatus.ABORTED);
                    assertThat(fixture.timeline(left))
                            .contains(
                                    "NOTE nobody with the approver role approved execution "
                                            + waiting
                                            + " within 1s: it is withdrawn",
                                    "ESCALATED escalated: nobody approved the prepared run of"
                                            + " suggest-restart (execution "
                                            + waiting
                                            + ") within 1s");
                });
    }

    @Test
    void automationOffNotifiesWithTheRunbookAndRunsNothing() throws Exception {
        serve(
                client -> {
                    fixture.deliver(client, Alerts.firing("TicketOnly", "fp-off"));
                    Incident incident = fixture.incident("fp-off");
                    assertThat(fixture.remediation(incident).state())
                            .isEqualTo(RemediationState.NOTIFIED);
                    assertThat(fixture.primary.bodies())
                            .singleElement()
                            .asString()
                            .contains("Automation is off for off-by-hand: follow the runbook.")
                            .contains(
                                    "\"runbook_url\":\"http://127.0.0.1:0/runbooks/off-by-hand\"");
                    assertThat(fixture.runtime.bodies()).isEmpty();
                    assertThat(services.onCall().runs().store().recent(10)).isEmpty();
                });
    }

    private ExecutionRecord execution(Incident incident) {
        long id = fixture.remediation(incident).executionId().orElseThrow();
        return services.onCall().runs().store().find(id).orElseThrow();
    }

    private void serve(Body body) throws Exception {
        serve(fixture.settings(), body);
    }

    private void serve(OnCallSettings settings, Body body) throws Exception {
        Harness.serve(
                vertx -> {
                    services = fixture.parts(vertx, settings);
                    return ConsoleRoutes.create(vertx, services);
                },
                (port, client) -> body.run(client));
    }

    @FunctionalInterface
    private interface Body {
        void run(HarnessClient client) throws Exception;
    }
}

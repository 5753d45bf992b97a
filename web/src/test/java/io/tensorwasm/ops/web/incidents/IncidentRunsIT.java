package io.tensorwasm.ops.web.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.engine.model.Mode;
import io.tensorwasm.ops.engine.model.RunStatus;
import io.tensorwasm.ops.engine.model.Trigger;
import io.tensorwasm.ops.engine.store.ExecutionSummary;
import io.tensorwasm.ops.oncall.access.Role;
import io.tensorwasm.ops.oncall.incident.Incident;
import io.tensorwasm.ops.oncall.remediation.RemediationState;
import io.tensorwasm.ops.testkit.Harness;
import io.tensorwasm.ops.testkit.HarnessClient;
import io.tensorwasm.ops.web.ConsoleParts;
import io.tensorwasm.ops.web.ConsoleRoutes;
import io.tensorwasm.ops.web.ConsoleSession;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incidents and runs joined (issue #17): a run the cooldown refused says why on the incident, which
 * offers an interactive run to operators and the cooldown's override to approvers; a run started
 * from the runbook's page asks to attach to its open incident; each joins the incident's timeline
 * and links back to it; a prepared run the alert's resolution withdrew says so in History.
 */
class IncidentRunsIT {

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
    void aRefusedRunSaysWhyAndAnOperatorsInteractiveRunJoinsTheTimelineAndLinksBack()
            throws Exception {
        serve(
                client -> {
                    Incident refused = refusedByTheCooldown(client);
                    String viewer =
                            ConsoleSession.signIn(
                                            client, fixture.tokens.issue("vi", Role.VIEWER).token())
                                    .get("/incidents/" + refused.id())
                                    .body();
                    assertThat(viewer)
                            .contains("<span id=\"remediation\">automation auto: refused</span>")
                            .containsPattern(
                                    "Why: auto-cools: cooling down until \\S+ \\(1h after the last"
                                            + " automatic run on runtime\\)")
                            .contains(
                                    "Starting a run for this incident needs the operator role;"
                                            + " you are signed in as viewer.")
                            .doesNotContain("id=\"start-incident-run\"");

                    ConsoleSession operator = ConsoleSession.signIn(client, fixture.operator);
                    String page = operator.get("/incidents/" + refused.id()).body();
                    assertThat(page)
                            .contains("Start an interactive run for this incident")
                            .doesNotContain("Override the cooldown");
                    long execution =
                            ConsoleSession.executionOf(
                                    operator.submit(
                                            "/incidents/" + refused.id(),
                                            "/incidents/" + refused.id() + "/run",
                                            Map.of()));

                    assertThat(operator.get("/executions/" + execution).body())
                            .contains(
                                    "<a href=\"/incidents/"
                                            + refused.id()
                                            + "\">otto operator, for RuntimeCooling (incident "
                                            + refused.id()
                                            + ")</a>");
                    assertThat(fixture.timeline(refused))
                            .contains(
                                    "RUN_STARTED execution "
                                            + execution
                                            + " of auto-cools started (interactive, by otto"
                                            + " operator)");
                    assertThat(operator.get("/incidents/" + refused.id()).body())
                            .contains("<li class=\"run running\" data-execution=\"" + execution)
                            .contains("of auto-cools (interactive, by otto operator)</a>");
                });
    }

    @Test
    void anApproverOverridesTheCooldownWithAReasonTheTimelineKeeps() throws Exception {
        serve(
                client -> {
                    Incident refused = refusedByTheCooldown(client);
                    ConsoleSession approver = ConsoleSession.signIn(client, fixture.approver);
                    String path = "/incidents/" + refused.id();
                    assertThat(approver.get(path).body()).contains("Override the cooldown");
                    HttpResponse<String> empty =
                            approver.submit(path, path + "/override", Map.of("reason", " "));
                    assertThat(empty.statusCode()).isEqualTo(409);

                    long execution =
                            ConsoleSession.executionOf(
                                    approver.submit(
                                            path,
                                            path + "/override",
                                            Map.of("reason", "the first run healed another host")));
                    OnCallFixture.await(
                            "the overriding run to succeed",
                            () ->
                                    fixture.remediation(refused).state()
                                            == RemediationState.SUCCEEDED);

                    ExecutionSummary run =
                            services.onCall()
                                    .runs()
                                    .store()
                                    .find(execution)
                                    .orElseThrow()
                                    .summary();
                    assertThat(run.mode()).isEqualTo(Mode.AUTOMATIC);
                    assertThat(run.trigger()).isEqualTo(Trigger.person("abe approver"));
                    assertThat(fixture.timeline(refused))
                            .containsSubsequence(
                                    "NOTE abe approver overrode the cooldown of auto-cools: the"
                                            + " first run healed another host",
                                    "RUN_STARTED execution "
                                            + execution
                                            + " of auto-cools started (automatic, cooldown"
                                            + " overridden by abe approver)");
                });
    }

    @Test
    void aRunStartedFromTheRunbookPageAsksToAttachToItsOpenIncident() throws Exception {
        serve(
                client -> {
                    fixture.deliver(client, Alerts.firing("TicketOnly", "fp-by-hand"));
                    Incident incident = fixture.incident("fp-by-hand");
                    ConsoleSession operator = ConsoleSession.signIn(client, fixture.operator);

                    HttpResponse<String> asked =
                            operator.submit(
                                    "/runbooks/off-by-hand", "/runbooks/off-by-hand/run", Map.of());
                    assertThat(asked.statusCode()).isEqualTo(200);
                    assertThat(asked.body())
                            .contains("Does this run work an open incident?")
                            .contains("Start and attach to incident " + incident.id())
                            .contains("Start without attaching");
                    assertThat(services.onCall().runs().store().recent(10)).isEmpty();

                    long execution =
                            ConsoleSession.executionOf(
                                    operator.submit(
                                            "/runbooks/off-by-hand",
                                            "/runbooks/off-by-hand/run",
                                            Map.of("incident", Long.toString(incident.id()))));
                    assertThat(fixture.timeline(incident))
                            .contains(
                                    "RUN_STARTED execution "
                                            + execution
                                            + " of off-by-hand started (interactive, by otto"
                                            + " operator)");
                    assertThat(
                                    services.onCall()
                                            .incidents()
                                            .runs()
                                            .incidentOf(execution)
                                            .orElseThrow()
                                            .incident()
                                            .id())
                            .isEqualTo(incident.id());
                });
    }

    @Test
    void aPreparedRunTheResolutionWithdrewIsWithdrawnInHistoryNotAborted() throws Exception {
        serve(
                client -> {
                    fixture.deliver(client, Alerts.firing("LatencyHigh", "fp-withdrawn"));
                    Incident incident = fixture.incident("fp-withdrawn");
                    long execution = fixture.remediation(incident).executionId().orElseThrow();
                    fixture.deliver(client, Alerts.resolved("LatencyHigh", "fp-withdrawn"));
                    OnCallFixture.await(
                            "the prepared run to end",
                            () ->
                                    services.onCall()
                                                    .runs()
                                                    .store()
                                                    .find(execution)
                                                    .orElseThrow()
                                                    .summary()
                                                    .status()
                                            == RunStatus.ABORTED);

                    ConsoleSession operator = ConsoleSession.signIn(client, fixture.operator);
                    assertThat(operator.get("/history").body())
                            .contains(
                                    "<span class=\"status withdrawn\">withdrawn (alert"
                                            + " resolved)</span>")
                            .doesNotContain("<span class=\"status aborted\">");
                    assertThat(operator.get("/incidents/" + incident.id()).body())
                            .contains("automation suggest: withdrawn (alert resolved)")
                            .contains(
                                    "Why: the alert resolved before anyone approved the prepared"
                                            + " run");
                });
    }

    /** A first firing runs auto-cools; a second, within its hour of cooldown, is refused. */
    private Incident refusedByTheCooldown(HarnessClient client) throws Exception {
        fixture.deliver(client, Alerts.firing("RuntimeCooling", "fp-first"));
        Incident first = fixture.incident("fp-first");
        OnCallFixture.await(
                "the first run to succeed",
                () -> fixture.remediation(first).state() == RemediationState.SUCCEEDED);
        fixture.deliver(client, Alerts.resolved("RuntimeCooling", "fp-first"));
        int pagesBefore = fixture.primary.bodies().size();
        fixture.deliver(client, Alerts.firing("RuntimeCooling", "fp-second"));
        Incident second = fixture.incident("fp-second");
        assertThat(fixture.remediation(second).state()).isEqualTo(RemediationState.REFUSED);
        assertThat(fixture.primary.bodies().subList(pagesBefore, fixture.primary.bodies().size()))
                .as("one page, which says the run was refused and why")
                .singleElement()
                .asString()
                .contains("The automatic run of auto-cools was refused: auto-cools: cooling down");
        return second;
    }

    private void serve(Body body) throws Exception {
        Harness.serve(
                vertx -> {
                    services =
                            fixture.parts(
                                    vertx,
                                    fixture.settings()
                                            .withApprovalTimeout(Duration.ofMinutes(1))
                                            .withStillFiringGrace(Duration.ofMinutes(1)));
                    return ConsoleRoutes.create(vertx, services);
                },
                (port, client) -> body.run(client));
    }

    @FunctionalInterface
    private interface Body {
        void run(HarnessClient client) throws Exception;
    }
}

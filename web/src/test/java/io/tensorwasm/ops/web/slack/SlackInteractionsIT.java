package io.tensorwasm.ops.web.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.oncall.OnCall;
import io.tensorwasm.ops.oncall.access.Role;
import io.tensorwasm.ops.oncall.incident.Incident;
import io.tensorwasm.ops.oncall.incident.IncidentStore;
import io.tensorwasm.ops.oncall.incident.Severity;
import io.tensorwasm.ops.oncall.incident.TimelineEvent;
import io.tensorwasm.ops.oncall.run.LiveRun;
import io.tensorwasm.ops.oncall.slack.SlackAudit;
import io.tensorwasm.ops.oncall.slack.SlackIdentities;
import io.tensorwasm.ops.oncall.slack.SlackSignature;
import io.tensorwasm.ops.testkit.Harness;
import io.tensorwasm.ops.testkit.HarnessClient;
import io.tensorwasm.ops.web.ConsoleFixture;
import io.tensorwasm.ops.web.ConsoleParts;
import io.tensorwasm.ops.web.ConsoleRoutes;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #20's Slack acceptance: a signed click by a mapped approver resumes a waiting step within 5
 * s; a replayed, stale, tampered, unmapped, under-privileged or self-approving click is refused,
 * audited, noted on the incident, and changes nothing.
 */
class SlackInteractionsIT {

    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

    private final ConsoleFixture fixture = ConsoleFixture.withRuntimeDown();
    private final SlackSignature signature = new SlackSignature(SECRET);

    @AfterEach
    void close() {
        fixture.close();
    }

    private void serve(Body body) throws Exception {
        Path secret = Path.of("target", "slack-test", "signing-secret");
        Files.createDirectories(secret.getParent());
        Files.writeString(secret, SECRET + "\n");
        fixture.slackSigningSecret(secret);
        AtomicReference<ConsoleParts> parts = new AtomicReference<>();
        Harness.serve(
                vertx -> {
                    parts.set(fixture.parts(vertx));
                    return ConsoleRoutes.create(vertx, parts.get());
                },
                (port, client) -> body.run(client, parts.get()));
    }

    @FunctionalInterface
    private interface Body {
        void run(HarnessClient client, ConsoleParts parts) throws Exception;
    }

    @Test
    void aMappedApproversClickResumesTheStepAndEveryBadClickIsRefused() throws Exception {
        serve(
                (client, parts) -> {
                    OnCall onCall = parts.onCall();
                    SlackIdentities identities =
                            new SlackIdentities(fixture.database.dataSource(), Clock.systemUTC());
                    map(identities, "UANA", "Ana Approver", Role.APPROVER);
                    map(identities, "UBO", "Bo Requester", Role.APPROVER);
                    map(identities, "UOTTO", "Otto Operator", Role.OPERATOR);
                    long execution =
                            onCall.runs()
                                    .interactive(
                                            parts.library()
                                                    .runbook("audit-log-rotation")
                                                    .orElseThrow(),
                                            "Bo Requester");
                    Incident incident = incident(onCall.incidents(), "execution:" + execution);
                    LiveRun run = onCall.runs().live(execution).orElseThrow();
                    long question = awaitQuestion(run);
                    String approve = click("UANA", "twops_approve", execution, question);

                    assertThat(
                                    post(
                                                    client,
                                                    click(
                                                            "UNOBODY",
                                                            "twops_approve",
                                                            execution,
                                                            question),
                                                    now())
                                            .statusCode())
                            .isEqualTo(403);
                    assertThat(
                                    post(
                                                    client,
                                                    click(
                                                            "UBO",
                                                            "twops_approve",
                                                            execution,
                                                            question),
                                                    now())
                                            .statusCode())
                            .isEqualTo(403);
                    assertThat(
                                    post(
                                                    client,
                                                    click(
                                                            "UOTTO",
                                                            "twops_approve",
                                                            execution,
                                                            question),
                                                    now())
                                            .statusCode())
                            .isEqualTo(403);
                    assertThat(post(client, approve, now() - 400).statusCode()).isEqualTo(401);
                    assertThat(tampered(client, approve).statusCode()).isEqualTo(401);
                    assertThat(run.snapshot().pending().number())
                            .as("nothing a refused click did moved the run")
                            .isEqualTo(question);

                    Instant clicked = Instant.now();
                    HttpResponse<String> accepted = post(client, approve, now());
                    assertThat(accepted.statusCode()).isEqualTo(200);
                    assertThat(accepted.body())
                            .contains(
                                    "approved question "
                                            + question
                                            + " of execution "
                                            + execution
                                            + " as Ana Approver");
                    while (run.snapshot().pending() != null
                            && run.snapshot().pending().number() == question
                            && Duration.between(clicked, Instant.now()).toSeconds() < 5) {
                        Thread.sleep(20);
                    }
                    assertThat(
                                    run.snapshot().pending() == null
                                            || run.snapshot().pending().number() != question)
                            .as("the step resumed within 5 s of the click")
                            .isTrue();
                    assertThat(post(client, approve, now()).statusCode())
                            .as("the same click replayed inside the window answers nothing")
                            .isEqualTo(409);

                    List<SlackAudit.Row> audit =
                            new SlackAudit(fixture.database.dataSource(), Clock.systemUTC())
                                    .recent(20);
                    assertThat(audit.stream().filter(r -> !r.entry().action().equals("map")))
                            .extracting(r -> r.entry().accepted())
                            .containsExactly(false, true, false, false, false, false, false);
                    assertThat(onCall.incidents().timeline(incident.id()))
                            .extracting(TimelineEvent::text)
                            .anyMatch(
                                    t ->
                                            t.startsWith(
                                                    "Slack click refused: Slack user UNOBODY (approve): Slack user UNOBODY is not mapped"))
                            .anyMatch(
                                    t ->
                                            t.startsWith(
                                                    "Slack click refused: Bo Requester via Slack (approve): Bo Requester started execution"))
                            .anyMatch(
                                    t ->
                                            t.startsWith(
                                                    "Slack click refused: Otto Operator via Slack (approve): Otto Operator holds the operator role"))
                            .anyMatch(t -> t.contains("timestamp more than 5 minutes from now"))
                            .anyMatch(t -> t.contains("signature does not match the body"))
                            .anyMatch(
                                    t ->
                                            t.startsWith(
                                                    "Slack click accepted: Ana Approver via Slack (approve)"));
                });
    }

    @Test
    void anOperatorAcknowledgesFromSlackAndAnUnmappedUserCannot() throws Exception {
        serve(
                (client, parts) -> {
                    OnCall onCall = parts.onCall();
                    SlackIdentities identities =
                            new SlackIdentities(fixture.database.dataSource(), Clock.systemUTC());
                    map(identities, "UOTTO", "Otto Operator", Role.OPERATOR);
                    Incident incident =
                            incident(onCall.incidents(), "fp-slack@2026-10-25T03:00:00Z");
                    String ack = "incident:" + incident.id();

                    assertThat(
                                    post(
                                                    client,
                                                    payload("UNOBODY", "twops_acknowledge", ack),
                                                    now())
                                            .statusCode())
                            .isEqualTo(403);
                    assertThat(onCall.incidents().find(incident.id()).orElseThrow().status())
                            .isEqualTo(Incident.Status.OPEN);
                    assertThat(
                                    post(client, payload("UOTTO", "twops_acknowledge", ack), now())
                                            .statusCode())
                            .isEqualTo(200);
                    assertThat(onCall.incidents().find(incident.id()).orElseThrow().status())
                            .isEqualTo(Incident.Status.ACKNOWLEDGED);
                    assertThat(onCall.incidents().timeline(incident.id()))
                            .extracting(TimelineEvent::text)
                            .containsSubsequence(
                                    "Slack click refused: Slack user UNOBODY (acknowledge): Slack user UNOBODY is not mapped to an active console token",
                                    "acknowledged by Otto Operator (no open page)",
                                    "Slack click accepted: Otto Operator via Slack (acknowledge): acknowledged incident "
                                            + incident.id()
                                            + " as Otto Operator");
                });
    }

    @Test
    void answers404WhenNoSigningSecretIsConfigured() throws Exception {
        Harness.serve(
                vertx -> ConsoleRoutes.create(vertx, fixture.parts(vertx)),
                (port, client) ->
                        assertThat(
                                        post(
                                                        client,
                                                        payload(
                                                                "U1",
                                                                "twops_acknowledge",
                                                                "incident:1"),
                                                        now())
                                                .statusCode())
                                .isEqualTo(404));
    }

    private void map(SlackIdentities identities, String user, String name, Role role) {
        identities.map(user, fixture.tokens.issue(name, role).principal().tokenId(), "ada admin");
    }

    private static Incident incident(IncidentStore incidents, String key) {
        return incidents
                .open(
                        new IncidentStore.NewIncident(
                                key,
                                "test " + key,
                                Severity.SEV_2,
                                null,
                                "audit-log-rotation",
                                "rt-1"),
                        Instant.now())
                .incident();
    }

    private static long awaitQuestion(LiveRun run) throws InterruptedException {
        for (int i = 0; i < 500 && run.snapshot().pending() == null; i++) {
            Thread.sleep(20);
        }
        return run.snapshot().pending().number();
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    private static String click(String user, String action, long execution, long question) {
        return payload(user, action, "execution:" + execution + ":question:" + question);
    }

    /** A form as Slack posts a block action: the JSON payload, URL-encoded. */
    private static String payload(String user, String action, String value) {
        String json =
                "{\"type\":\"block_actions\",\"user\":{\"id\":\""
                        + user
                        + "\",\"username\":\"someone\",\"team_id\":\"T1DC2JH3J\"},"
                        + "\"api_app_id\":\"A1\",\"actions\":[{\"type\":\"button\",\"action_id\":\""
                        + action
                        + "\",\"block_id\":\"b1\",\"value\":\""
                        + value
                        + "\",\"action_ts\":\"1531420618.000\"}]}";
        return "payload=" + URLEncoder.encode(json, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> post(HarnessClient client, String body, long timestamp)
            throws Exception {
        String ts = Long.toString(timestamp);
        return send(client, body, ts, signature.sign(ts, body.getBytes(StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> tampered(HarnessClient client, String body) throws Exception {
        String ts = Long.toString(now());
        String signed = signature.sign(ts, body.getBytes(StandardCharsets.UTF_8));
        return send(client, body.replace("UANA", "UBOB"), ts, signed);
    }

    private static HttpResponse<String> send(
            HarnessClient client, String body, String ts, String sig) throws Exception {
        return client.send(
                client.request("/hooks/slack/interactions")
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("X-Slack-Request-Timestamp", ts)
                        .header("X-Slack-Signature", sig)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build());
    }
}

package io.tensorwasm.ops.web.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.oncall.OnCallSettings;
import io.tensorwasm.ops.oncall.access.Role;
import io.tensorwasm.ops.oncall.access.TokenStore;
import io.tensorwasm.ops.oncall.incident.Incident;
import io.tensorwasm.ops.oncall.incident.TimelineEvent;
import io.tensorwasm.ops.oncall.remediation.RemediationRecord;
import io.tensorwasm.ops.oncall.run.RunEnvironment;
import io.tensorwasm.ops.oncall.store.Database;
import io.tensorwasm.ops.testkit.HarnessClient;
import io.tensorwasm.ops.testkit.HttpRecorder;
import io.tensorwasm.ops.web.ConsoleConfig;
import io.tensorwasm.ops.web.ConsoleParts;
import io.tensorwasm.ops.web.health.PlatformHealth;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A console over a fresh in-memory database with the runbooks of {@code
 * src/test/resources/remediation-runbooks}, a local stand-in for the runtime's health check, and a
 * rotation of three local JSON-webhook pagers whose acknowledgement timeout is one second.
 */
final class OnCallFixture implements AutoCloseable {

    static final Path RUNBOOKS = Path.of("src", "test", "resources", "remediation-runbooks");
    static final String RUNTIME_TOKEN = "rt-admin-s3cret";

    final Database database =
            Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    final TokenStore tokens = new TokenStore(database.dataSource(), Clock.systemUTC());
    final String admin = tokens.issue("ada admin", Role.ADMIN).token();
    final String approver = tokens.issue("abe approver", Role.APPROVER).token();
    final String operator = tokens.issue("otto operator", Role.OPERATOR).token();
    final HttpRecorder runtime = HttpRecorder.answering(200, "{\"status\":\"ok\"}");
    final HttpRecorder primary = HttpRecorder.answering(200, "{}");
    final HttpRecorder secondary = HttpRecorder.answering(200, "{}");
    final HttpRecorder lead = HttpRecorder.answering(200, "{}");
    private final Path rotations;
    private ConsoleParts services;

    OnCallFixture(Path dir) throws IOException {
        rotations =
                Files.writeString(
                        dir.resolve("rotations.yml"),
                        "ack_timeout: 1s\n"
                                + responder("primary", "Ana", primary)
                                + responder("secondary", "Bo", secondary)
                                + responder("lead", "Cy", lead));
    }

    private static String responder(String tier, String person, HttpRecorder pager) {
        return tier
                + ": {person: "
                + person
                + ", channel: webhook, url: \""
                + pager.url("/" + tier)
                + "\"}\n";
    }

    /** On-call settings with the rotation file, a 1 s approval timeout and a 1 s grace. */
    OnCallSettings settings() {
        return OnCallSettings.DEFAULTS
                .withRotations(rotations)
                .withApprovalTimeout(Duration.ofSeconds(1))
                .withStillFiringGrace(Duration.ofSeconds(1));
    }

    /** The services for a Vert.x instance; runs carry the runtime token. */
    ConsoleParts parts(Vertx vertx, OnCallSettings settings) {
        ConsoleConfig config =
                ConsoleConfig.builder()
                        .port(0)
                        .dataDir(Path.of("target", "remediation-test"))
                        .runtimeUrl(runtime.url(""))
                        .runbooks(List.of(RUNBOOKS))
                        .onCall(settings)
                        .build();
        PlatformHealth health =
                new PlatformHealth(
                        vertx, runtime.url(""), Optional.empty(), database, Clock.systemUTC());
        services =
                ConsoleParts.create(
                        vertx,
                        config,
                        database,
                        health,
                        RunEnvironment.none()
                                .withPollInterval(Duration.ofMillis(100))
                                .withRuntimeToken(RUNTIME_TOKEN));
        return services;
    }

    /** The parts made last. */
    ConsoleParts current() {
        return services;
    }

    /** Posts an Alertmanager delivery with the webhook's token; expects it taken. */
    void deliver(HarnessClient client, String body) throws Exception {
        HttpResponse<String> response =
                client.withToken(services.webhookToken().issued().orElseThrow())
                        .postJson("/hooks/alertmanager", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** The incident of a firing. */
    Incident incident(String fingerprint) {
        return services.onCall()
                .incidents()
                .findByKey(fingerprint + "@" + Alerts.STARTS_AT)
                .orElseThrow(() -> new AssertionError("no incident for " + fingerprint));
    }

    /** The incident's timeline as {@code KIND text} lines. */
    List<String> timeline(Incident incident) {
        return services.onCall().incidents().timeline(incident.id()).stream()
                .map(e -> e.kind() + " " + e.text())
                .toList();
    }

    /** The kinds of the incident's timeline, in order. */
    List<TimelineEvent.Kind> kinds(Incident incident) {
        return services.onCall().incidents().timeline(incident.id()).stream()
                .map(TimelineEvent::kind)
                .toList();
    }

    /** Where the incident's remediation stands. */
    RemediationRecord remediation(Incident incident) {
        return services.onCall().remediations().find(incident.id()).orElseThrow();
    }

    /** Waits up to 20 s for a condition that a run's thread makes true. */
    static void await(String what, Supplier<Boolean> condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (!condition.get()) {
            assertThat(Instant.now()).as("waiting for " + what).isBefore(deadline);
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        if (services != null) {
            services.close();
        }
        List.of(runtime, primary, secondary, lead).forEach(HttpRecorder::close);
        database.close();
    }
}

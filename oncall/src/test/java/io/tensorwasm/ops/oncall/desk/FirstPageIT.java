package io.tensorwasm.ops.oncall.desk;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.oncall.alert.AlertmanagerPayload;
import io.tensorwasm.ops.oncall.catalogue.RunbookLibrary;
import io.tensorwasm.ops.oncall.incident.Incident;
import io.tensorwasm.ops.oncall.incident.IncidentStore;
import io.tensorwasm.ops.oncall.incident.TimelineEvent;
import io.tensorwasm.ops.oncall.paging.JsonWebhookChannel;
import io.tensorwasm.ops.oncall.paging.Paging;
import io.tensorwasm.ops.oncall.paging.Rotations;
import io.tensorwasm.ops.oncall.paging.Tier;
import io.tensorwasm.ops.oncall.remediation.Escalations;
import io.tensorwasm.ops.oncall.remediation.Remediation;
import io.tensorwasm.ops.oncall.store.Database;
import io.tensorwasm.ops.testkit.HttpRecorder;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A firing's run starts before its first page (issue #22); what the run asks of the desk before
 * that page is out waits for it, so an escalation still finds the page it escalates and a hold
 * still holds it.
 */
class FirstPageIT {

    private final Database database =
            Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T03:00:00Z"));
    private final IncidentStore incidents = new IncidentStore(database.dataSource());
    private final HttpRecorder primary = HttpRecorder.answering(200, "{}");
    private final HttpRecorder secondary = HttpRecorder.answering(200, "{}");
    private final Paging paging =
            new Paging(
                    database.dataSource(),
                    incidents,
                    new Rotations(
                            Duration.ofMinutes(5),
                            Map.of(
                                    Tier.PRIMARY,
                                    responder("Ana", primary),
                                    Tier.SECONDARY,
                                    responder("Bo", secondary)),
                            new Rotations.Maintainers(List.of(), Optional.empty())),
                    clock);

    @AfterEach
    void close() {
        List.of(primary, secondary).forEach(HttpRecorder::close);
        database.close();
    }

    @Test
    void anEscalationAskedForBeforeTheFirstPageIsOutFollowsThatPage() {
        AlertDesk desk =
                desk(
                        escalations ->
                                (incident, runbookId, fingerprint) ->
                                        new Remediation.Plan(
                                                "The engine is running it.",
                                                Optional.empty(),
                                                // A run whose first step fails at once, on a
                                                // thread of its own, as a real run's does.
                                                () ->
                                                        onItsOwnThread(
                                                                () ->
                                                                        escalations.escalate(
                                                                                incident.id(),
                                                                                "step 1 failed"))));
        Incident incident = desk.firing(firing("fp-escalates"), false);
        assertThat(primary.bodies()).hasSize(2);
        assertThat(primary.bodies().get(0)).contains("The engine is running it.");
        assertThat(primary.bodies().get(1)).contains("\"summary\":\"step 1 failed\"");
        assertThat(incidents.timeline(incident.id()))
                .extracting(TimelineEvent::kind)
                .containsSubsequence(
                        TimelineEvent.Kind.ALERT_FIRING,
                        TimelineEvent.Kind.PAGE,
                        TimelineEvent.Kind.ESCALATED,
                        TimelineEvent.Kind.PAGE);
    }

    @Test
    void aHoldAskedForBeforeTheFirstPageIsOutHoldsThatPage() {
        Instant until = clock.instant().plus(Duration.ofHours(2));
        AlertDesk desk =
                desk(
                        escalations ->
                                (incident, runbookId, fingerprint) ->
                                        new Remediation.Plan(
                                                "",
                                                Optional.empty(),
                                                () ->
                                                        onItsOwnThread(
                                                                () ->
                                                                        escalations.holdPages(
                                                                                incident.id(),
                                                                                until))));
        Incident incident = desk.firing(firing("fp-holds"), false);
        clock.advance(Duration.ofMinutes(30));
        assertThat(desk.escalateOverdue()).as("held past its 5-minute deadline").isZero();
        clock.advance(Duration.ofMinutes(91));
        assertThat(desk.escalateOverdue()).isEqualTo(1);
        assertThat(secondary.bodies()).hasSize(1);
        assertThat(incidents.timeline(incident.id()))
                .extracting(TimelineEvent::kind)
                .containsSubsequence(TimelineEvent.Kind.PAGE, TimelineEvent.Kind.ESCALATED);
    }

    private AlertDesk desk(Function<Escalations, Remediation> remediation) {
        return new AlertDesk(
                incidents,
                paging,
                RunbookLibrary.load(List.of()),
                new AlertDesk.Links(URI.create("http://c"), URI.create("http://g"), "rt-1"),
                clock,
                remediation);
    }

    private static void onItsOwnThread(Runnable work) {
        Thread run = new Thread(work, "run");
        run.start();
        try {
            run.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private AlertmanagerPayload.Alert firing(String fingerprint) {
        String body =
                "{\"version\":\"4\",\"groupKey\":\"g\",\"status\":\"firing\",\"receiver\":\"console\","
                        + "\"alerts\":[{"
                        + "\"status\":\"firing\",\"fingerprint\":\""
                        + fingerprint
                        + "\",\"startsAt\":\""
                        + clock.instant()
                        + "\",\"labels\":{\"alertname\":\"TensorWasmAvailabilityFastBurn\","
                        + "\"severity\":\"page\"},\"annotations\":{\"summary\":\"invokes fail\","
                        + "\"runbook_url\":\"http://c/runbooks/availability-fast-burn\"}}]}";
        return AlertmanagerPayload.parse(body).alerts().get(0);
    }

    private static Rotations.Responder responder(String person, HttpRecorder receiver) {
        return new Rotations.Responder(person, new JsonWebhookChannel(receiver.url("/" + person)));
    }
}

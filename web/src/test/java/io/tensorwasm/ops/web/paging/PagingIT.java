package io.tensorwasm.ops.web.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tensorwasm.ops.testkit.HttpRecorder;
import io.tensorwasm.ops.web.incident.Incident;
import io.tensorwasm.ops.web.incident.IncidentStore;
import io.tensorwasm.ops.web.incident.TimelineEvent;
import io.tensorwasm.ops.web.store.Database;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PagingIT {

    private final Database database =
            Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T03:00:00Z"));
    private final IncidentStore incidents = new IncidentStore(database.dataSource());
    private final HttpRecorder primary = HttpRecorder.answering(200, "{}");
    private final HttpRecorder secondary = HttpRecorder.answering(200, "{}");
    private final HttpRecorder lead = HttpRecorder.answering(200, "{}");
    private final HttpRecorder maintainers = HttpRecorder.answering(200, "{}");
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
                                    responder("Bo", secondary),
                                    Tier.LEAD,
                                    responder("Cy", lead)),
                            new Rotations.Maintainers(
                                    List.of("maintainers@example.org"),
                                    Optional.of(new JsonWebhookChannel(maintainers.url("/list"))))),
                    clock);

    @AfterEach
    void close() {
        List.of(primary, secondary, lead, maintainers).forEach(HttpRecorder::close);
        database.close();
    }

    @Test
    void escalatesToSecondaryThenLeadThenOpensRotationBroken() {
        Incident incident = open("fp-a", Severity.SEV_2);
        paging.page(incident, message(incident, Severity.SEV_2));
        assertThat(primary.bodies()).hasSize(1);

        clock.advance(Duration.ofMinutes(4));
        assertThat(paging.escalateOverdue()).isZero();
        clock.advance(Duration.ofMinutes(1));
        assertThat(paging.escalateOverdue()).isEqualTo(1);
        assertThat(secondary.bodies()).hasSize(1);

        clock.advance(Duration.ofMinutes(5));
        assertThat(paging.escalateOverdue()).isEqualTo(1);
        assertThat(lead.bodies()).hasSize(1);

        clock.advance(Duration.ofMinutes(5));
        assertThat(paging.escalateOverdue()).isEqualTo(1);
        Incident broken = incidents.findByKey("rotation-broken:" + incident.id()).orElseThrow();
        assertThat(broken.title())
                .isEqualTo("Rotation broken: nobody acknowledged incident " + incident.id());
        assertThat(maintainers.bodies()).hasSize(1);
        assertThat(paging.escalateOverdue()).isZero();
        assertThat(incidents.timeline(incident.id()))
                .extracting(TimelineEvent::kind)
                .containsExactly(
                        TimelineEvent.Kind.PAGE,
                        TimelineEvent.Kind.ESCALATED,
                        TimelineEvent.Kind.PAGE,
                        TimelineEvent.Kind.ESCALATED,
                        TimelineEvent.Kind.PAGE,
                        TimelineEvent.Kind.ESCALATED,
                        TimelineEvent.Kind.ESCALATED);
    }

    @Test
    void anAcknowledgementStopsTheEscalation() {
        Incident incident = open("fp-b", Severity.SEV_2);
        paging.page(incident, message(incident, Severity.SEV_2));
        clock.advance(Duration.ofMinutes(2));
        assertThat(paging.acknowledge(incident.id(), "Ana")).isTrue();
        clock.advance(Duration.ofMinutes(30));
        assertThat(paging.escalateOverdue()).isZero();
        assertThat(secondary.bodies()).isEmpty();
        assertThat(primary.bodies()).last().asString().contains("\"event\":\"acknowledge\"");
        assertThat(incidents.find(incident.id()).orElseThrow().status())
                .isEqualTo(Incident.Status.ACKNOWLEDGED);
        assertThat(paging.acknowledge(incident.id(), "Ana")).isFalse();
    }

    @Test
    void aSev1AlsoNotifiesTheMaintainersAndASev3PagesNobody() {
        Incident sev1 = open("fp-c", Severity.SEV_1);
        paging.page(sev1, message(sev1, Severity.SEV_1));
        assertThat(primary.bodies()).hasSize(1);
        assertThat(maintainers.bodies()).hasSize(1);

        Incident sev3 = open("fp-d", Severity.SEV_3);
        paging.page(sev3, message(sev3, Severity.SEV_3));
        assertThat(primary.bodies()).hasSize(1);
        assertThat(incidents.timeline(sev3.id()))
                .extracting(TimelineEvent::text)
                .containsExactly("sev-3: filed, not paged (sev-3 never pages)");
    }

    @Test
    void twoNodesSweepingAtOnceEscalateAPageOnce() throws Exception {
        Incident incident = open("fp-e", Severity.SEV_2);
        paging.page(incident, message(incident, Severity.SEV_2));
        clock.advance(Duration.ofMinutes(6));
        Paging otherNode = new Paging(database.dataSource(), incidents, paging.rotations(), clock);
        Thread other = new Thread(otherNode::escalateOverdue);
        other.start();
        paging.escalateOverdue();
        other.join();
        assertThat(secondary.bodies()).hasSize(1);
    }

    @Test
    void aHeldPageEscalatesOnlyOnceItsHoldRunsOut() {
        Incident incident = open("fp-f", Severity.SEV_2);
        paging.page(
                incident,
                message(incident, Severity.SEV_2),
                Optional.of(clock.instant().plus(Duration.ofMinutes(30))));
        clock.advance(Duration.ofMinutes(10));
        assertThat(paging.escalateOverdue()).isZero();
        assertThat(paging.hold(incident.id(), clock.instant().plus(Duration.ofMinutes(1))))
                .isEqualTo(1);
        clock.advance(Duration.ofMinutes(1));
        assertThat(paging.escalateOverdue()).isEqualTo(1);
        assertThat(secondary.bodies()).hasSize(1);
    }

    @Test
    void anEscalationSettlesTheOpenPageAndPagesTheRotationFromThePrimaryWithTheReason() {
        Incident incident = open("fp-g", Severity.SEV_2);
        paging.page(
                incident,
                message(incident, Severity.SEV_2),
                Optional.of(clock.instant().plus(Duration.ofMinutes(30))));
        assertThat(paging.escalate(incident.id(), "execution 4 of x: step 2 failed")).isTrue();
        assertThat(primary.bodies()).hasSize(2);
        assertThat(primary.bodies().get(1))
                .contains("\"summary\":\"execution 4 of x: step 2 failed\"");
        clock.advance(Duration.ofMinutes(5));
        assertThat(paging.escalateOverdue()).as("only the new page escalates").isEqualTo(1);
        assertThat(secondary.bodies()).hasSize(1);
        assertThat(incidents.timeline(incident.id()))
                .extracting(TimelineEvent::text)
                .contains(
                        "escalated: execution 4 of x: step 2 failed",
                        "primary (Ana) did not acknowledge within 5m");
    }

    @Test
    void aResolvedOrDeferredIncidentsPagesNeverEscalate() {
        Incident resolved = open("fp-h", Severity.SEV_2);
        paging.page(resolved, message(resolved, Severity.SEV_2));
        incidents.setStatus(resolved.id(), Incident.Status.RESOLVED, clock.instant());
        Incident deferred = open("fp-i", Severity.SEV_2);
        paging.page(deferred, message(deferred, Severity.SEV_2));
        incidents.setStatus(deferred.id(), Incident.Status.MITIGATED, clock.instant());
        clock.advance(Duration.ofMinutes(6));
        assertThat(paging.escalateOverdue()).isZero();
        assertThat(secondary.bodies()).isEmpty();
    }

    @Test
    void refusesAPageWithoutTheRunbookLink() {
        assertThatThrownBy(
                        () ->
                                new PageMessage(
                                        "k",
                                        Severity.SEV_2,
                                        "SomeAlert",
                                        "host",
                                        "summary",
                                        URI.create("http://c/incidents/1"),
                                        URI.create("http://g"),
                                        null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "page for SomeAlert: no runbook link; a page must carry the runbook"
                                + " link (seed 003)");
    }

    private Incident open(String key, Severity severity) {
        return incidents
                .open(
                        new IncidentStore.NewIncident(
                                key,
                                "test " + key,
                                severity,
                                "TensorWasmAvailabilityFastBurn",
                                "availability-fast-burn",
                                "rt-1"),
                        clock.instant())
                .incident();
    }

    private static PageMessage message(Incident incident, Severity severity) {
        return new PageMessage(
                incident.dedupKey(),
                severity,
                "TensorWasmAvailabilityFastBurn",
                "rt-1",
                "invokes failing",
                URI.create("http://c/incidents/" + incident.id()),
                URI.create("http://g/d/x"),
                URI.create("http://c/runbooks/availability-fast-burn"));
    }

    private static Rotations.Responder responder(String person, HttpRecorder receiver) {
        return new Rotations.Responder(person, new JsonWebhookChannel(receiver.url("/" + person)));
    }
}

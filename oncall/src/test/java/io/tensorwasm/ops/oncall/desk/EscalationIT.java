package io.tensorwasm.ops.oncall.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tensorwasm.ops.oncall.catalogue.RunbookLibrary;
import io.tensorwasm.ops.oncall.incident.Incident;
import io.tensorwasm.ops.oncall.incident.IncidentStore;
import io.tensorwasm.ops.oncall.incident.Severity;
import io.tensorwasm.ops.oncall.incident.TimelineEvent;
import io.tensorwasm.ops.oncall.paging.JsonWebhookChannel;
import io.tensorwasm.ops.oncall.paging.PageMessage;
import io.tensorwasm.ops.oncall.paging.Paging;
import io.tensorwasm.ops.oncall.paging.Rotations;
import io.tensorwasm.ops.oncall.paging.Tier;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Escalation through the rotation, as the alert desk drives it over one {@link Paging}: overdue
 * pages go to the next tier, past the lead the rotation is broken, an acknowledgement stops it.
 */
class EscalationIT {

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
                    rotations(
                            Duration.ofMinutes(5),
                            new Rotations.Maintainers(
                                    List.of("maintainers@example.org"),
                                    Optional.of(new JsonWebhookChannel(maintainers.url("/list"))))),
                    clock);
    private final AlertDesk desk = desk(paging);

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
        assertThat(desk.escalateOverdue()).isZero();
        clock.advance(Duration.ofMinutes(1));
        assertThat(desk.escalateOverdue()).isEqualTo(1);
        assertThat(secondary.bodies()).hasSize(1);

        clock.advance(Duration.ofMinutes(5));
        assertThat(desk.escalateOverdue()).isEqualTo(1);
        assertThat(lead.bodies()).hasSize(1);

        clock.advance(Duration.ofMinutes(5));
        assertThat(desk.escalateOverdue()).isEqualTo(1);
        Incident broken = incidents.findByKey("rotation-broken:" + incident.id()).orElseThrow();
        assertThat(broken.title())
                .isEqualTo("Rotation broken: nobody acknowledged incident " + incident.id());
        assertThat(maintainers.bodies()).hasSize(1);
        assertThat(desk.escalateOverdue()).isZero();
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
        assertThat(desk.acknowledge(incident.id(), "Ana")).isPresent();
        clock.advance(Duration.ofMinutes(30));
        assertThat(desk.escalateOverdue()).isZero();
        assertThat(secondary.bodies()).isEmpty();
        assertThat(primary.bodies()).last().asString().contains("\"event\":\"acknowledge\"");
        assertThat(incidents.find(incident.id()).orElseThrow().status())
                .isEqualTo(Incident.Status.ACKNOWLEDGED);
        assertThat(desk.acknowledge(incident.id(), "Ana")).isPresent();
        assertThat(incidents.timeline(incident.id()))
                .extracting(TimelineEvent::text)
                .containsSubsequence("acknowledged by Ana", "acknowledged by Ana (no open page)");
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
        AlertDesk otherNode =
                desk(new Paging(database.dataSource(), incidents, paging.rotations(), clock));
        Thread other = new Thread(otherNode::escalateOverdue);
        other.start();
        desk.escalateOverdue();
        other.join();
        assertThat(secondary.bodies()).hasSize(1);
    }

    /**
     * Seed 003: the lead joins a sev-1 within 15 minutes and a sev-2 within 60. With 10-minute
     * timeouts a fixed chain would reach the lead after 20 minutes whatever the severity; by
     * severity, the sev-1's primary escalates at 5 minutes and its lead is paged then, while the
     * sev-2 keeps the chain. When the lead acknowledges, the incident records that the lead joined.
     */
    @Test
    void theLeadIsPagedInTimeToJoinASev1Within15MinutesAndTheJoinIsRecorded() {
        Paging slow =
                new Paging(
                        database.dataSource(),
                        incidents,
                        rotations(
                                Duration.ofMinutes(10),
                                new Rotations.Maintainers(List.of(), Optional.empty())),
                        clock);
        AlertDesk slowDesk = desk(slow);
        Incident sev1 = open("fp-lead-1", Severity.SEV_1);
        Incident sev2 = open("fp-lead-2", Severity.SEV_2);
        slow.page(sev1, message(sev1, Severity.SEV_1));
        slow.page(sev2, message(sev2, Severity.SEV_2));

        clock.advance(Duration.ofMinutes(4));
        assertThat(slowDesk.escalateOverdue()).isZero();
        clock.advance(Duration.ofMinutes(1));
        assertThat(slowDesk.escalateOverdue())
                .as("the sev-1's primary, 15 minutes less the lead's 10")
                .isEqualTo(1);
        assertThat(slowDesk.escalateOverdue())
                .as("the sev-1's secondary has no time left before the lead")
                .isEqualTo(1);
        assertThat(lead.bodies()).hasSize(1).allSatisfy(b -> assertThat(b).contains("fp-lead-1"));
        assertThat(slow.now(sev1.id()).page().orElseThrow().tier()).isEqualTo(Tier.LEAD);
        assertThat(slow.now(sev2.id()).page().orElseThrow().tier()).isEqualTo(Tier.PRIMARY);

        clock.advance(Duration.ofMinutes(7));
        assertThat(slow.leadJoinedAt(sev1.id())).isEmpty();
        assertThat(slowDesk.acknowledge(sev1.id(), "Cy")).isPresent();
        assertThat(slow.leadJoinedAt(sev1.id())).contains(clock.instant());
        assertThat(incidents.timeline(sev1.id()))
                .extracting(TimelineEvent::text)
                .contains("the on-call lead joined: Cy, 12 min 00 s after the first page");

        clock.advance(Duration.ofMinutes(8));
        assertThat(slowDesk.escalateOverdue()).as("the sev-2's primary, past its 10").isEqualTo(1);
        assertThat(slow.now(sev2.id()).page().orElseThrow().tier()).isEqualTo(Tier.SECONDARY);
        assertThat(lead.bodies())
                .as("a sev-2 keeps its chain: its lead is due by 50 minutes")
                .filteredOn(b -> b.contains("\"event\":\"trigger\""))
                .hasSize(1);
        assertThat(slowDesk.acknowledge(sev2.id(), "Bo")).isPresent();
        assertThat(slow.leadJoinedAt(sev2.id())).as("the secondary is not the lead").isEmpty();
    }

    @Test
    void aHeldPageEscalatesOnlyOnceItsHoldRunsOut() {
        Incident incident = open("fp-f", Severity.SEV_2);
        paging.page(
                incident,
                message(incident, Severity.SEV_2),
                Optional.of(clock.instant().plus(Duration.ofMinutes(30))));
        clock.advance(Duration.ofMinutes(10));
        assertThat(desk.escalateOverdue()).isZero();
        assertThat(paging.hold(incident.id(), clock.instant().plus(Duration.ofMinutes(1))))
                .isEqualTo(1);
        clock.advance(Duration.ofMinutes(1));
        assertThat(desk.escalateOverdue()).isEqualTo(1);
        assertThat(secondary.bodies()).hasSize(1);
    }

    @Test
    void anEscalationSettlesTheOpenPageAndPagesTheRotationFromThePrimaryWithTheReason() {
        Incident incident = open("fp-g", Severity.SEV_2);
        paging.page(
                incident,
                message(incident, Severity.SEV_2),
                Optional.of(clock.instant().plus(Duration.ofMinutes(30))));
        assertThat(desk.escalate(incident.id(), "execution 4 of x: step 2 failed")).isTrue();
        assertThat(primary.bodies()).hasSize(2);
        assertThat(primary.bodies().get(1))
                .contains("\"summary\":\"execution 4 of x: step 2 failed\"");
        clock.advance(Duration.ofMinutes(5));
        assertThat(desk.escalateOverdue()).as("only the new page escalates").isEqualTo(1);
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
        assertThat(desk.escalateOverdue()).isZero();
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

    private AlertDesk desk(Paging over) {
        return new AlertDesk(
                incidents,
                over,
                RunbookLibrary.load(List.of()),
                new AlertDesk.Links(URI.create("http://c"), URI.create("http://g"), "rt-1"),
                clock,
                escalations -> Remediation.NONE);
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

    /** Ana, Bo and Cy hold the three tiers, each with the timeout. */
    private Rotations rotations(Duration ackTimeout, Rotations.Maintainers maintainers) {
        return new Rotations(
                ackTimeout,
                Map.of(
                        Tier.PRIMARY,
                        responder("Ana", primary),
                        Tier.SECONDARY,
                        responder("Bo", secondary),
                        Tier.LEAD,
                        responder("Cy", lead)),
                maintainers);
    }

    private static Rotations.Responder responder(String person, HttpRecorder receiver) {
        return new Rotations.Responder(person, new JsonWebhookChannel(receiver.url("/" + person)));
    }
}

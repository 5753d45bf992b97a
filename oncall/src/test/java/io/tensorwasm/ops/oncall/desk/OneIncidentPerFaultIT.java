package io.tensorwasm.ops.oncall.desk;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.engine.exec.Escalation;
import io.tensorwasm.ops.oncall.alert.AlertmanagerPayload.Alert;
import io.tensorwasm.ops.oncall.catalogue.RunbookLibrary;
import io.tensorwasm.ops.oncall.incident.Incident;
import io.tensorwasm.ops.oncall.incident.IncidentStore;
import io.tensorwasm.ops.oncall.incident.Severity;
import io.tensorwasm.ops.oncall.incident.TimelineEvent;
import io.tensorwasm.ops.oncall.paging.JsonWebhookChannel;
import io.tensorwasm.ops.oncall.paging.OnCallNow;
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
 * One incident per fault (issue #17), as the desk files the shipped alerts over the shipped
 * runbooks: a second burn-rate tier of the same SLO and host joins the open incident and pages
 * nobody; a more urgent one opens its own; the incident closes with its last alert and everyone who
 * was paged hears of it; a ticket pages nobody, neither when it fires nor when its runbook
 * escalates.
 */
class OneIncidentPerFaultIT {

    private static final String HOST = "127.0.0.1:8080";

    private final Database database =
            Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T03:00:00Z"));
    private final IncidentStore incidents = new IncidentStore(database.dataSource());
    private final HttpRecorder primary = HttpRecorder.answering(200, "{}");
    private final HttpRecorder secondary = HttpRecorder.answering(200, "{}");
    private final HttpRecorder maintainers = HttpRecorder.answering(200, "{}");
    private final RunbookLibrary library = RunbookLibrary.load(List.of());
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
                            new Rotations.Maintainers(
                                    List.of("maintainers@example.org"),
                                    Optional.of(new JsonWebhookChannel(maintainers.url("/list"))))),
                    clock);
    private final AlertDesk.Links links =
            new AlertDesk.Links(URI.create("http://c"), URI.create("http://g"), HOST);
    private final AlertDesk desk =
            new AlertDesk(
                    incidents, paging, library, links, clock, escalations -> Remediation.NONE);

    @AfterEach
    void close() {
        List.of(primary, secondary, maintainers).forEach(HttpRecorder::close);
        database.close();
    }

    @Test
    void aSlowBurnOfTheSameSloAndHostJoinsTheFastBurnsIncidentAndPagesNobody() {
        Incident fast = desk.firing(burn("TensorWasmAvailabilityFastBurn", "fp-fast"), false);
        clock.advance(Duration.ofSeconds(10));
        Incident slow = desk.firing(burn("TensorWasmAvailabilitySlowBurn", "fp-slow"), false);

        assertThat(slow.id()).isEqualTo(fast.id());
        assertThat(incidents.recent(10)).hasSize(1);
        assertThat(primary.bodies()).as("one primary page").hasSize(1);
        assertThat(incidents.scopes().held(fast.id()))
                .containsExactly(
                        "TensorWasmAvailabilityFastBurn", "TensorWasmAvailabilitySlowBurn");
        assertThat(texts(fast, TimelineEvent.Kind.ALERT_FIRING))
                .hasSize(2)
                .last()
                .asString()
                .startsWith("TensorWasmAvailabilitySlowBurn firing since ")
                .endsWith(
                        " (same SLO and host as this incident, so it joins it: nobody is paged"
                                + " again and its own runbook does not run)");

        desk.resolved(burn("TensorWasmAvailabilityFastBurn", "fp-fast"));
        assertThat(incidents.find(fast.id()).orElseThrow().status())
                .as("the slow burn still fires")
                .isEqualTo(Incident.Status.OPEN);
        assertThat(texts(fast, TimelineEvent.Kind.NOTE))
                .contains(
                        "still open: TensorWasmAvailabilitySlowBurn still fires; it closes when"
                                + " the last resolves");
        desk.resolved(burn("TensorWasmAvailabilitySlowBurn", "fp-slow"));

        assertThat(incidents.find(fast.id()).orElseThrow().status())
                .isEqualTo(Incident.Status.RESOLVED);
        assertThat(primary.bodies()).last().asString().contains("\"event\":\"resolve\"");
        assertThat(maintainers.bodies())
                .as("a sev-1 told the maintainers, who hear of the resolve too")
                .hasSize(2)
                .last()
                .asString()
                .contains("\"event\":\"resolve\"");
        assertThat(texts(fast, TimelineEvent.Kind.PAGE))
                .last()
                .isEqualTo("told of the resolve: Ana (primary); the maintainers list");
        Incident next = desk.firing(burn("TensorWasmAvailabilitySlowBurn", "fp-slow-2"), false);
        assertThat(next.id())
                .as("a resolved incident holds its scope no more")
                .isNotEqualTo(fast.id());
    }

    @Test
    void aMoreUrgentTierOpensAnIncidentOfItsOwnAndTakesTheScope() {
        Incident slow = desk.firing(burn("TensorWasmAvailabilitySlowBurn", "fp-s"), false);
        Incident fast = desk.firing(burn("TensorWasmAvailabilityFastBurn", "fp-f"), false);
        Incident verySlow =
                desk.firing(burn("TensorWasmAvailabilityVerySlowBurn", "fp-v", "ticket"), false);

        assertThat(slow.severity()).isEqualTo(Severity.SEV_2);
        assertThat(fast.severity()).isEqualTo(Severity.SEV_1);
        assertThat(fast.id()).isNotEqualTo(slow.id());
        assertThat(verySlow.id()).as("the ticket joins the scope's incident").isEqualTo(fast.id());
        assertThat(primary.bodies()).hasSize(2);
        assertThat(texts(slow, TimelineEvent.Kind.NOTE))
                .contains(
                        "TensorWasmAvailabilityFastBurn fires on the same SLO and host at sev-1,"
                                + " more urgent than this incident: it opens an incident of its"
                                + " own");
    }

    @Test
    void theSamePageFiringOnAnotherHostOpensItsOwnIncident() {
        Incident here = desk.firing(burn("TensorWasmAvailabilityFastBurn", "fp-1"), false);
        Incident there =
                desk.firing(
                        alert(
                                "TensorWasmAvailabilitySlowBurn",
                                "fp-2",
                                Map.of(
                                        "severity",
                                        "page",
                                        "slo",
                                        "invoke-availability",
                                        "instance",
                                        "10.0.0.7:8080")),
                        false);

        assertThat(there.id()).isNotEqualTo(here.id());
        assertThat(primary.bodies()).hasSize(2);
    }

    @Test
    void aTicketPagesNobodyNeitherWhenItFiresNorWhenItsRunbookEscalates() {
        assertThat(
                        library.runbook("availability-very-slow-burn")
                                .orElseThrow()
                                .metadata()
                                .severity())
                .as("the ticket's runbook agrees with its rule")
                .isEqualTo("sev-3");

        Incident ticket =
                desk.firing(burn("TensorWasmAvailabilityVerySlowBurn", "fp-t", "ticket"), false);
        boolean paged =
                desk.escalate(
                        ticket.id(), "execution 3 of availability-very-slow-burn: step 1 failed");
        new RunPages(desk, links)
                .page(
                        new Escalation(
                                library.runbook("availability-very-slow-burn")
                                        .orElseThrow()
                                        .metadata()
                                        .severity(),
                                "availability-very-slow-burn",
                                4,
                                "step 1 failed: value > 0.3",
                                List.of()));

        assertThat(ticket.severity()).isEqualTo(Severity.SEV_3);
        assertThat(paged).isFalse();
        assertThat(List.of(primary, secondary, maintainers))
                .allSatisfy(pager -> assertThat(pager.bodies()).isEmpty());
        assertThat(texts(ticket, TimelineEvent.Kind.NOTE))
                .contains("sev-3: filed, not paged (sev-3 never pages)");
        Incident run = incidents.findByKey("execution:4").orElseThrow();
        assertThat(run.severity()).isEqualTo(Severity.SEV_3);
        assertThat(texts(run, TimelineEvent.Kind.NOTE))
                .contains("sev-3: filed, not paged (sev-3 never pages)");
        assertThat(paging.now(ticket.id())).isEqualTo(OnCallNow.NOBODY);
    }

    @Test
    void saysWhoIsPagedNowAndWhenTheNextEscalationFiresAndToWhom() {
        Incident fast = desk.firing(burn("TensorWasmAvailabilityFastBurn", "fp-now"), false);

        OnCallNow now = paging.now(fast.id());
        assertThat(now.page()).hasValueSatisfying(p -> assertThat(p.person()).isEqualTo("Ana"));
        assertThat(now.next())
                .contains(
                        new OnCallNow.Next(
                                clock.instant().plus(Duration.ofMinutes(5)),
                                Optional.of(Tier.SECONDARY),
                                Optional.of("Bo")));
        desk.acknowledge(fast.id(), "ana");
        assertThat(paging.now(fast.id()).next()).isEmpty();
        assertThat(paging.now(fast.id()).page().orElseThrow().acknowledgedBy()).contains("ana");
    }

    private List<String> texts(Incident incident, TimelineEvent.Kind kind) {
        return incidents.timeline(incident.id()).stream()
                .filter(e -> e.kind() == kind)
                .map(TimelineEvent::text)
                .toList();
    }

    private static Alert burn(String name, String fingerprint) {
        return burn(name, fingerprint, "page");
    }

    private static Alert burn(String name, String fingerprint, String severity) {
        return alert(name, fingerprint, Map.of("severity", severity, "slo", "invoke-availability"));
    }

    private static Alert alert(String name, String fingerprint, Map<String, String> labels) {
        Map<String, String> all = new java.util.HashMap<>(labels);
        all.put("alertname", name);
        return new Alert(
                "firing",
                fingerprint,
                Instant.parse("2026-12-05T02:59:00Z"),
                all,
                Map.of("summary", name + " fires.", "dashboard_url", "http://g/d/x?viewPanel=7"));
    }

    private static Rotations.Responder responder(String person, HttpRecorder receiver) {
        return new Rotations.Responder(person, new JsonWebhookChannel(receiver.url("/" + person)));
    }
}

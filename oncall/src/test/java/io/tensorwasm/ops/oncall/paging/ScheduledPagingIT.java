package io.tensorwasm.ops.oncall.paging;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.oncall.incident.Incident;
import io.tensorwasm.ops.oncall.incident.IncidentStore;
import io.tensorwasm.ops.oncall.incident.Severity;
import io.tensorwasm.ops.oncall.schedule.EscalationPolicy;
import io.tensorwasm.ops.oncall.schedule.Layer;
import io.tensorwasm.ops.oncall.schedule.PolicyStore;
import io.tensorwasm.ops.oncall.schedule.PolicyTier;
import io.tensorwasm.ops.oncall.schedule.Schedule;
import io.tensorwasm.ops.oncall.schedule.ScheduleOverride;
import io.tensorwasm.ops.oncall.schedule.ScheduleStore;
import io.tensorwasm.ops.oncall.store.Database;
import io.tensorwasm.ops.testkit.HttpRecorder;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #20's first acceptance: a schedule in the console's database decides who a page reaches.
 * With an override from 02:00 to 06:00, a page at 03:00 reaches the override's person and a page at
 * 07:00 the rotation's, on the nights the clocks change in Berlin.
 */
class ScheduledPagingIT {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private final Database database =
            Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    private final HttpRecorder ana = HttpRecorder.answering(200, "{}");
    private final HttpRecorder cy = HttpRecorder.answering(200, "{}");
    private final IncidentStore incidents = new IncidentStore(database.dataSource());
    private final ScheduleStore schedules =
            new ScheduleStore(database.dataSource(), Clock.systemUTC());
    private final PolicyStore policies = new PolicyStore(database.dataSource(), Clock.systemUTC());
    private final Rotations channels =
            new Rotations(
                    Duration.ofMinutes(5),
                    Map.of(),
                    new Rotations.Maintainers(List.of(), Optional.empty()),
                    Map.of(
                            "Ana", new JsonWebhookChannel(ana.url("/ana")),
                            "Cy", new JsonWebhookChannel(cy.url("/cy"))));

    @AfterEach
    void close() {
        ana.close();
        cy.close();
        database.close();
    }

    @Test
    void theOverrideTakesTheNightTheClocksGoBack() {
        schedule("2026-10-25");
        assertThat(pageAt("2026-10-25T03:00", "fall-3")).isEqualTo("Cy");
        assertThat(pageAt("2026-10-25T07:00", "fall-7")).isEqualTo("Ana");
        assertThat(cy.bodies()).hasSize(1);
        assertThat(ana.bodies()).hasSize(1);
    }

    @Test
    void theOverrideTakesTheNightTheClocksGoForward() {
        schedule("2026-03-29");
        assertThat(pageAt("2026-03-29T03:00", "spring-3")).isEqualTo("Cy");
        assertThat(pageAt("2026-03-29T07:00", "spring-7")).isEqualTo("Ana");
        assertThat(cy.bodies()).hasSize(1);
        assertThat(ana.bodies()).hasSize(1);
    }

    @Test
    void aDatabaseWithoutTheDefaultPolicyPagesTheRotationFilesTiers() {
        Rotations file =
                new Rotations(
                        Duration.ofMinutes(5),
                        Map.of(
                                Tier.PRIMARY,
                                new Rotations.Responder(
                                        "Ana", new JsonWebhookChannel(ana.url("/ana")))),
                        new Rotations.Maintainers(List.of(), Optional.empty()));
        ScheduledResponders responders =
                new ScheduledResponders(EscalationPolicy.DEFAULT, policies, schedules, file);
        assertThat(responders.responder(Tier.PRIMARY, Instant.now()))
                .map(Rotations.Responder::person)
                .contains("Ana");
        RotationSchedules.load(file, schedules, policies);
        assertThat(policies.policy(EscalationPolicy.DEFAULT).orElseThrow().tiers())
                .containsExactly(PolicyTier.schedule("primary", Duration.ofMinutes(5)));
        assertThat(responders.responder(Tier.PRIMARY, Instant.now()))
                .map(Rotations.Responder::person)
                .contains("Ana");
    }

    @Test
    void reimportingTheRotationFileKeepsTheOverridesPeopleMade() {
        Rotations file =
                new Rotations(
                        Duration.ofMinutes(5),
                        Map.of(
                                Tier.PRIMARY,
                                new Rotations.Responder(
                                        "Ana", new JsonWebhookChannel(ana.url("/ana")))),
                        new Rotations.Maintainers(List.of(), Optional.empty()));
        RotationSchedules.load(file, schedules, policies);
        ScheduleOverride night =
                new ScheduleOverride(
                        local("2026-10-25T02:00"), local("2026-10-25T06:00"), "Cy", "override");
        schedules.addOverrides("primary", List.of(night));
        RotationSchedules.load(file, schedules, policies);
        assertThat(schedules.schedule("primary").orElseThrow().overrides()).containsExactly(night);
    }

    /** Ana holds a daily rotation handing off at 09:00; Cy covers 02:00 to 06:00 of the day. */
    private void schedule(String day) {
        schedules.save(
                new Schedule(
                        "primary",
                        BERLIN,
                        List.of(
                                new Layer(
                                        "daily",
                                        List.of("Ana"),
                                        BERLIN,
                                        LocalDateTime.parse("2026-01-05T09:00"),
                                        Duration.ofDays(1),
                                        Optional.empty())),
                        List.of(),
                        "console"));
        schedules.addOverrides(
                "primary",
                List.of(
                        new ScheduleOverride(
                                local(day + "T02:00"), local(day + "T06:00"), "Cy", "override")));
        policies.save(
                new EscalationPolicy(
                        EscalationPolicy.DEFAULT,
                        List.of(PolicyTier.schedule("primary", Duration.ofMinutes(5))),
                        "console"));
    }

    /** Pages an incident at a Berlin wall-clock time; returns who the page went to. */
    private String pageAt(String local, String key) {
        Clock at = Clock.fixed(local(local), ZoneOffset.UTC);
        Paging paging =
                new Paging(
                        database.dataSource(),
                        incidents,
                        channels,
                        new ScheduledResponders(
                                EscalationPolicy.DEFAULT, policies, schedules, channels),
                        at);
        Incident incident =
                incidents
                        .open(
                                new IncidentStore.NewIncident(
                                        key, "test", Severity.SEV_2, "A", "a", "rt-1"),
                                at.instant())
                        .incident();
        paging.page(
                incident,
                new PageMessage(
                        incident.dedupKey(),
                        Severity.SEV_2,
                        "A",
                        "rt-1",
                        "failing",
                        URI.create("http://c/incidents/" + incident.id()),
                        URI.create("http://g"),
                        URI.create("http://c/runbooks/a")));
        String paged =
                incidents.timeline(incident.id()).stream()
                        .filter(e -> e.text().startsWith("paged primary ("))
                        .map(e -> e.text().substring("paged primary (".length()))
                        .findFirst()
                        .orElseThrow();
        return paged.substring(0, paged.indexOf(')'));
    }

    private static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(BERLIN).toInstant();
    }
}

package io.tensorwasm.ops.web.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.oncall.schedule.CalendarFeeds;
import io.tensorwasm.ops.oncall.schedule.EscalationPolicy;
import io.tensorwasm.ops.oncall.schedule.Layer;
import io.tensorwasm.ops.oncall.schedule.PolicyStore;
import io.tensorwasm.ops.oncall.schedule.PolicyTier;
import io.tensorwasm.ops.oncall.schedule.Schedule;
import io.tensorwasm.ops.oncall.schedule.ScheduleOverride;
import io.tensorwasm.ops.oncall.schedule.ScheduleStore;
import io.tensorwasm.ops.oncall.slack.SlackAudit;
import io.tensorwasm.ops.oncall.slack.SlackIdentities;
import io.tensorwasm.ops.oncall.store.Database;
import io.tensorwasm.ops.testkit.PostgresServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The tables of issue #20 on a real PostgreSQL, as production runs them: a schedule with an
 * override across a DST change reads back equal, a policy, a feed and its revocation, a Slack
 * mapping and its audit.
 */
class SchedulesOnPostgresIT {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void schedulesPoliciesFeedsAndSlackMappingsReadBackOnPostgres() {
        try (PostgresServer postgres = PostgresServer.start();
                Database database =
                        Database.open(
                                postgres.createDatabase("console") + "?user=" + postgres.user(),
                                postgres.user(),
                                "")) {
            Clock clock = Clock.systemUTC();
            ScheduleStore schedules = new ScheduleStore(database.dataSource(), clock);
            Schedule primary =
                    new Schedule(
                            "primary",
                            BERLIN,
                            List.of(
                                    new Layer(
                                            "daily",
                                            List.of("Ana", "Bo"),
                                            BERLIN,
                                            LocalDateTime.parse("2026-10-01T09:00"),
                                            Duration.ofDays(1),
                                            Optional.of(Instant.parse("2027-01-01T00:00:00Z")))),
                            List.of(
                                    new ScheduleOverride(
                                            LocalDateTime.parse("2026-10-25T02:00")
                                                    .atZone(BERLIN)
                                                    .toInstant(),
                                            LocalDateTime.parse("2026-10-25T06:00")
                                                    .atZone(BERLIN)
                                                    .toInstant(),
                                            "Cy",
                                            "override")),
                            "console");
            schedules.save(primary);
            assertThat(schedules.schedule("primary")).contains(primary);
            schedules.save(primary);
            assertThat(schedules.schedules()).containsOnlyKeys("primary");

            PolicyStore policies = new PolicyStore(database.dataSource(), clock);
            EscalationPolicy policy =
                    new EscalationPolicy(
                            EscalationPolicy.DEFAULT,
                            List.of(
                                    PolicyTier.schedule("primary", Duration.ofMinutes(5)),
                                    PolicyTier.person("Di", Duration.ofMinutes(15))),
                            "console");
            policies.save(policy);
            assertThat(policies.policy(EscalationPolicy.DEFAULT)).contains(policy);

            CalendarFeeds feeds = new CalendarFeeds(database.dataSource(), clock);
            CalendarFeeds.Issued feed =
                    feeds.issue(Optional.of("primary"), Optional.empty(), "Ana");
            assertThat(feeds.render(feeds.find(feed.token()).orElseThrow(), schedules))
                    .contains("BEGIN:VCALENDAR");
            feeds.revoke(feed.feed().id());
            assertThat(feeds.find(feed.token())).isEmpty();

            SlackIdentities identities = new SlackIdentities(database.dataSource(), clock);
            identities.map("U2CERLKJA", "tok1", "Ada");
            assertThat(identities.tokenOf("U2CERLKJA")).contains("tok1");
            assertThat(new SlackAudit(database.dataSource(), clock).recent(5))
                    .extracting(r -> r.entry().action())
                    .containsExactly("map");
        }
    }
}

package io.tensorwasm.ops.oncall.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import io.tensorwasm.ops.oncall.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The calendar feeds: final shifts with overrides applied, read back by biweekly, revocable. */
class CalendarFeedsIT {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Instant NOW = Instant.parse("2026-10-20T12:00:00Z");

    private final Database database =
            Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final ScheduleStore schedules = new ScheduleStore(database.dataSource(), clock);
    private final CalendarFeeds feeds = new CalendarFeeds(database.dataSource(), clock);
    private final ScheduleOverride night =
            new ScheduleOverride(
                    LocalDateTime.parse("2026-10-25T02:00").atZone(BERLIN).toInstant(),
                    LocalDateTime.parse("2026-10-25T06:00").atZone(BERLIN).toInstant(),
                    "Cy",
                    "override");

    @AfterEach
    void close() {
        database.close();
    }

    private Schedule primary() {
        return new Schedule(
                "primary",
                BERLIN,
                List.of(
                        new Layer(
                                "weekly",
                                List.of("Ana", "Bo"),
                                BERLIN,
                                LocalDateTime.parse("2026-10-05T09:00"),
                                Duration.ofDays(7),
                                Optional.empty())),
                List.of(night),
                "console");
    }

    @Test
    void aScheduleFeedListsTheFinalShiftsAndParsesWithBiweekly() {
        schedules.save(primary());
        CalendarFeeds.Issued feed = feeds.issue(Optional.of("primary"), Optional.empty(), "Ana");
        String ics = feeds.render(feeds.find(feed.token()).orElseThrow(), schedules);

        ICalendar calendar = Biweekly.parse(ics).first();
        List<Shift> expected =
                primary().shifts(NOW.minus(Duration.ofDays(14)), NOW.plus(Duration.ofDays(90)));
        assertThat(calendar.getEvents()).hasSameSizeAs(expected);
        VEvent cover =
                calendar.getEvents().stream()
                        .filter(e -> e.getSummary().getValue().startsWith("On call: Cy"))
                        .findFirst()
                        .orElseThrow();
        assertThat(cover.getSummary().getValue()).isEqualTo("On call: Cy (primary, override)");
        assertThat(cover.getDateStart().getValue().toInstant()).isEqualTo(night.from());
        assertThat(cover.getDateEnd().getValue().toInstant()).isEqualTo(night.to());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(calendar.getEvents().get(i).getDateStart().getValue().toInstant())
                    .isEqualTo(expected.get(i).from());
        }
    }

    @Test
    void aPersonsFeedHoldsOnlyTheirShifts() {
        schedules.save(primary());
        CalendarFeeds.Issued feed = feeds.issue(Optional.empty(), Optional.of("Cy"), "Cy");
        ICalendar calendar =
                Biweekly.parse(feeds.render(feeds.find(feed.token()).orElseThrow(), schedules))
                        .first();
        assertThat(calendar.getEvents())
                .extracting(e -> e.getSummary().getValue())
                .containsExactly("On call: Cy (primary, override)");
    }

    @Test
    void aRevokedOrTamperedTokenFindsNoFeed() {
        CalendarFeeds.Issued feed = feeds.issue(Optional.of("primary"), Optional.empty(), "Ana");
        assertThat(feeds.find(feed.token() + "x")).isEmpty();
        assertThat(feeds.find("twf_nothing")).isEmpty();
        assertThat(feeds.find(feed.token())).isPresent();
        assertThat(feeds.revoke(feed.feed().id())).isTrue();
        assertThat(feeds.find(feed.token())).isEmpty();
        assertThat(feeds.revoke(feed.feed().id())).isFalse();
    }
}

package io.tensorwasm.ops.oncall.schedule;

import io.tensorwasm.ops.oncall.store.Jdbc;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The revocable tokens behind calendar feeds, one per schedule or per person. A feed URL carries
 * its token ({@code twf_<id>_<secret>}), because calendar apps send no header; the database keeps
 * the secret's SHA-256 only, and a revoked or unknown token finds nothing.
 *
 * <pre>{@code
 * CalendarFeeds.Issued feed = feeds.issue(Optional.of("primary"), Optional.empty(), "Ana");
 * Optional<String> ics = feeds.find(feed.token()).map(f -> feeds.render(f, schedules));
 * }</pre>
 */
public final class CalendarFeeds {

    private static final String PREFIX = "twf_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration BACK = Duration.ofDays(14);
    private static final Duration AHEAD = Duration.ofDays(90);

    private final Jdbc jdbc;
    private final Clock clock;

    /** Feeds over the console's database. */
    public CalendarFeeds(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource, "calendar feeds");
        this.clock = clock;
    }

    /**
     * A feed.
     *
     * @param id its public id, which revoking names
     * @param schedule the schedule it shows, or empty for a person's feed
     * @param person the person whose shifts it shows, or empty for a schedule's feed
     * @param createdBy who made it
     * @param createdAt when
     */
    public record Feed(
            String id,
            Optional<String> schedule,
            Optional<String> person,
            String createdBy,
            Instant createdAt) {

        /** What it shows, in words: {@code schedule primary}, {@code person Ana Ortiz}. */
        public String subject() {
            return schedule.map(s -> "schedule " + s).orElseGet(() -> "person " + person.get());
        }
    }

    /**
     * A feed just made: the only moment its token exists outside the URL.
     *
     * @param feed the feed
     * @param token its token, for {@code /calendar/TOKEN.ics}
     */
    public record Issued(Feed feed, String token) {

        @Override
        public String toString() {
            return "Issued[" + feed.id() + "]";
        }
    }

    /** Makes a feed of a schedule (person empty) or of a person (schedule empty). */
    public Issued issue(Optional<String> schedule, Optional<String> person, String by) {
        if (schedule.isPresent() == person.isPresent()) {
            throw new IllegalArgumentException("a feed shows either a schedule or a person");
        }
        String id = random(9);
        String secret = random(24);
        Instant now = clock.instant();
        jdbc.update(
                "insert into calendar_feed (id, secret_hash, schedule_name, person, created_by,"
                        + " created_at) values (?, ?, ?, ?, ?, ?)",
                s -> {
                    s.setString(1, id);
                    s.setString(2, sha256(secret));
                    s.setString(3, schedule.orElse(null));
                    s.setString(4, person.orElse(null));
                    s.setString(5, by);
                    Sql.instant(s, 6, now);
                });
        return new Issued(new Feed(id, schedule, person, by, now), PREFIX + id + "_" + secret);
    }

    /** The live feed a token opens; empty when it is malformed, unknown or revoked. */
    public Optional<Feed> find(String token) {
        if (token == null || !token.startsWith(PREFIX) || token.indexOf('_', 4) < 0) {
            return Optional.empty();
        }
        String id = token.substring(PREFIX.length(), token.indexOf('_', PREFIX.length()));
        String secret = token.substring(token.indexOf('_', PREFIX.length()) + 1);
        List<String> hash =
                jdbc.query(
                        "select secret_hash from calendar_feed where id = ? and revoked_at is null",
                        s -> s.setString(1, id),
                        rs -> rs.getString(1));
        if (hash.isEmpty()
                || !MessageDigest.isEqual(
                        sha256(secret).getBytes(StandardCharsets.US_ASCII),
                        hash.get(0).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        return list().stream().filter(f -> f.id().equals(id)).findFirst();
    }

    /** Revokes a feed by id; true when it was live. Its URL answers 404 from then on. */
    public boolean revoke(String id) {
        return jdbc.update(
                        "update calendar_feed set revoked_at = ? where id = ? and revoked_at is null",
                        s -> {
                            Sql.instant(s, 1, clock.instant());
                            s.setString(2, id);
                        })
                == 1;
    }

    /** Every live feed, oldest first. */
    public List<Feed> list() {
        return jdbc.query(
                "select * from calendar_feed where revoked_at is null order by created_at, id",
                s -> {},
                rs ->
                        new Feed(
                                rs.getString("id"),
                                Optional.ofNullable(rs.getString("schedule_name")),
                                Optional.ofNullable(rs.getString("person")),
                                rs.getString("created_by"),
                                Sql.instant(rs, "created_at")));
    }

    /**
     * The feed's iCalendar text: the final shifts from two weeks back to ninety days ahead, of its
     * schedule, or of its person in every schedule.
     */
    public String render(Feed feed, ScheduleStore schedules) {
        Instant now = clock.instant();
        Instant from = now.minus(BACK);
        Instant to = now.plus(AHEAD);
        List<Calendar.Entry> entries = new ArrayList<>();
        for (Schedule schedule : schedules.schedules().values()) {
            if (feed.schedule().isPresent() && !feed.schedule().get().equals(schedule.name())) {
                continue;
            }
            for (Shift shift : schedule.shifts(from, to)) {
                if (feed.person().map(p -> p.equals(shift.person())).orElse(true)) {
                    entries.add(new Calendar.Entry(schedule.name(), shift));
                }
            }
        }
        return Calendar.of(feed.schedule().or(feed::person).orElseThrow(), entries, now);
    }

    private static String random(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random).replace('_', 'x');
    }

    private static String sha256(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}

package io.tensorwasm.ops.oncall.paging;

import io.tensorwasm.ops.engine.model.Texts;
import io.tensorwasm.ops.oncall.store.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Test pages for the monthly paging drill (seed 003, "Send a test page to the rotation"): sent to a
 * tier through its real channel, acknowledged by the person from the console or the API on any
 * node, never escalated. Unlike {@link Paging}'s pages they belong to no incident; a test page
 * nobody acknowledges fails the drill, and the failed drill is the incident.
 *
 * <p>Methods block on the database and on delivery; call them from worker threads.
 */
public final class TestPages {

    private final DataSource dataSource;
    private final Jdbc jdbc;
    private final Rotations rotations;
    private final Clock clock;

    /** Test pages over the console's database, sent through the rotation's channels. */
    public TestPages(DataSource dataSource, Rotations rotations, Clock clock) {
        this.dataSource = dataSource;
        this.jdbc = new Jdbc(dataSource, "test pages");
        this.rotations = rotations;
        this.clock = clock;
    }

    /**
     * One test page.
     *
     * @param id its number, which the acknowledgement names
     * @param dedupKey ties the trigger, acknowledgement and resolution together at the service
     * @param tier who was paged
     * @param person the person on that tier
     * @param sentAt when it was sent
     * @param ackDeadline when the drill stops waiting
     * @param acknowledgedAt when it was acknowledged, if it was
     * @param acknowledgedBy who acknowledged it
     * @param closedAt when the drill stopped waiting, if it has
     * @param delivery what the channel answered
     */
    public record TestPage(
            long id,
            String dedupKey,
            Tier tier,
            String person,
            Instant sentAt,
            Instant ackDeadline,
            Optional<Instant> acknowledgedAt,
            Optional<String> acknowledgedBy,
            Optional<Instant> closedAt,
            String delivery) {

        /** From sending to acknowledgement, once acknowledged. */
        public Optional<Duration> latency() {
            return acknowledgedAt.map(at -> Duration.between(sentAt, at));
        }
    }

    /**
     * What an acknowledgement came to.
     *
     * @param accepted true when this call acknowledged the page
     * @param message what to tell the person, e.g. {@code Acknowledged test page 3 after 2.1 s.}
     */
    public record Acknowledgement(boolean accepted, String message) {}

    /**
     * Sends a test page to the tier; empty when nobody holds the tier. The message is built from
     * the recorded page, so it carries the page's dedup key and can link to its acknowledgement.
     */
    public Optional<TestPage> send(Tier tier, Function<TestPage, PageMessage> message) {
        Optional<Rotations.Responder> responder = rotations.responder(tier);
        if (responder.isEmpty()) {
            return Optional.empty();
        }
        long id = insert(tier, responder.get().person(), clock.instant());
        PageChannel.Delivery delivery =
                responder.get().channel().trigger(message.apply(find(id).orElseThrow()));
        String outcome =
                (delivery.accepted() ? "delivered: " : "NOT delivered: ") + delivery.detail();
        jdbc.update(
                "update test_page set delivery = ? where id = ?",
                s -> {
                    s.setString(1, Texts.clip(outcome, 300));
                    s.setLong(2, id);
                });
        return find(id);
    }

    /** Acknowledges an open test page and tells its channel; says why when it cannot. */
    public Acknowledgement acknowledge(long id, String by) {
        Instant now = clock.instant();
        int count =
                jdbc.update(
                        "update test_page set acknowledged_at = ?, acknowledged_by = ?"
                                + " where id = ? and acknowledged_at is null and closed_at is null",
                        s -> {
                            s.setTimestamp(1, Timestamp.from(now));
                            s.setString(2, by);
                            s.setLong(3, id);
                        });
        Optional<TestPage> page = find(id);
        if (page.isEmpty()) {
            return new Acknowledgement(false, "There is no test page " + id + ".");
        }
        if (count == 0) {
            return new Acknowledgement(false, whyNot(page.get()));
        }
        rotations
                .responder(page.get().tier())
                .ifPresent(r -> r.channel().acknowledge(page.get().dedupKey()));
        return new Acknowledgement(
                true,
                "Acknowledged test page "
                        + id
                        + " after "
                        + seconds(page.get().latency().orElseThrow())
                        + ".");
    }

    /** Stops waiting for the page and tells its channel the test is over. */
    public void close(long id) {
        int count =
                jdbc.update(
                        "update test_page set closed_at = ? where id = ? and closed_at is null",
                        s -> {
                            s.setTimestamp(1, Timestamp.from(clock.instant()));
                            s.setLong(2, id);
                        });
        Optional<TestPage> page = find(id);
        if (count == 1 && page.isPresent()) {
            rotations
                    .responder(page.get().tier())
                    .ifPresent(r -> r.channel().resolve(page.get().dedupKey()));
        }
    }

    /** The page with the number. */
    public Optional<TestPage> find(long id) {
        List<TestPage> found =
                jdbc.query(
                        "select * from test_page where id = ?",
                        s -> s.setLong(1, id),
                        TestPages::read);
        return found.stream().findFirst();
    }

    /** Pages the drill still waits on, oldest first. */
    public List<TestPage> open() {
        return jdbc.query(
                "select * from test_page where closed_at is null and acknowledged_at is null"
                        + " order by id",
                s -> {},
                TestPages::read);
    }

    /** A duration as the pages say it: {@code 2.1 s}. */
    public static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    private static String whyNot(TestPage page) {
        if (page.acknowledgedAt().isPresent()) {
            return "Test page "
                    + page.id()
                    + " was already acknowledged by "
                    + page.acknowledgedBy().orElse("someone")
                    + ".";
        }
        return "Test page "
                + page.id()
                + " is closed: the drill stopped waiting for it at "
                + page.closedAt().orElseThrow()
                + ".";
    }

    private long insert(Tier tier, String person, Instant now) {
        String sql =
                "insert into test_page (dedup_key, tier, person, sent_at, ack_deadline, delivery)"
                        + " values (?, ?, ?, ?, ?, 'sending')";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, "test-page:" + UUID.randomUUID());
            s.setString(2, tier.label());
            s.setString(3, person);
            s.setTimestamp(4, Timestamp.from(now));
            s.setTimestamp(5, Timestamp.from(now.plus(rotations.ackTimeout())));
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record a test page: " + e.getMessage(), e);
        }
    }

    private static TestPage read(ResultSet rs) throws SQLException {
        return new TestPage(
                rs.getLong("id"),
                rs.getString("dedup_key"),
                Tier.valueOf(rs.getString("tier").toUpperCase(Locale.ROOT)),
                rs.getString("person"),
                rs.getTimestamp("sent_at").toInstant(),
                rs.getTimestamp("ack_deadline").toInstant(),
                instant(rs, "acknowledged_at"),
                Optional.ofNullable(rs.getString("acknowledged_by")),
                instant(rs, "closed_at"),
                rs.getString("delivery"));
    }

    private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getTimestamp(column)).map(Timestamp::toInstant);
    }
}

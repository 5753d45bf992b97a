package io.tensorwasm.ops.oncall.slack;

import io.tensorwasm.ops.engine.model.Texts;
import io.tensorwasm.ops.oncall.store.Jdbc;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;

/** The audit of Slack: every click, accepted or refused, and every change of a mapping. */
public final class SlackAudit {

    private final Jdbc jdbc;
    private final Clock clock;

    /** The audit over the console's database. */
    public SlackAudit(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource, "the Slack audit");
        this.clock = clock;
    }

    /**
     * One audited event.
     *
     * @param slackUserId the Slack user, as claimed; null when the request named none
     * @param person the console person they act as, or null when unmapped
     * @param action the button or change: {@code twops_approve}, {@code map}
     * @param target what it acts on: {@code execution:7:question:1}, {@code incident:3}
     * @param accepted whether it was carried out
     * @param reason why, in words
     */
    public record Entry(
            String slackUserId,
            String person,
            String action,
            String target,
            boolean accepted,
            String reason) {}

    /**
     * An audited event as stored.
     *
     * @param at when it was received
     * @param entry what it was
     */
    public record Row(Instant at, Entry entry) {}

    /** Records an event. */
    public void record(Entry e) {
        jdbc.update(
                "insert into slack_interaction (received_at, slack_user_id, person, action,"
                        + " target, outcome, reason) values (?, ?, ?, ?, ?, ?, ?)",
                s -> {
                    s.setObject(1, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
                    s.setString(2, clip(e.slackUserId(), 64));
                    s.setString(3, clip(e.person(), 200));
                    s.setString(4, clip(e.action() == null ? "unknown" : e.action(), 64));
                    s.setString(5, clip(e.target(), 200));
                    s.setString(6, e.accepted() ? "accepted" : "refused");
                    s.setString(7, clip(e.reason(), 500));
                });
    }

    /** The newest events first. */
    public List<Row> recent(int limit) {
        return jdbc.query(
                "select * from slack_interaction order by id desc",
                s -> s.setMaxRows(limit),
                rs ->
                        new Row(
                                rs.getObject("received_at", OffsetDateTime.class).toInstant(),
                                new Entry(
                                        rs.getString("slack_user_id"),
                                        rs.getString("person"),
                                        rs.getString("action"),
                                        rs.getString("target"),
                                        "accepted".equals(rs.getString("outcome")),
                                        rs.getString("reason"))));
    }

    private static String clip(String text, int max) {
        return text == null ? null : Texts.clip(text, max);
    }
}

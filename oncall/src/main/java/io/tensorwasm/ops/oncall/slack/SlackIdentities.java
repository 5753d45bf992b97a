package io.tensorwasm.ops.oncall.slack;

import io.tensorwasm.ops.oncall.store.Jdbc;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Which console token a Slack user acts as. A click counts as that token's holder with that token's
 * role, read at the click, so a revoked token maps to nobody. Every change is audited.
 *
 * <pre>{@code
 * identities.map("U2CERLKJA", "3fQk9a2bX", "ada admin");
 * Optional<String> tokenId = identities.tokenOf("U2CERLKJA");
 * }</pre>
 */
public final class SlackIdentities {

    private final Jdbc jdbc;
    private final SlackAudit audit;
    private final Clock clock;

    /** Mappings over the console's database. */
    public SlackIdentities(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource, "Slack identities");
        this.audit = new SlackAudit(dataSource, clock);
        this.clock = clock;
    }

    /**
     * A mapping.
     *
     * @param slackUserId the Slack user, {@code U...}
     * @param tokenId the console token they act as
     * @param createdBy who mapped them
     */
    public record Mapping(String slackUserId, String tokenId, String createdBy) {}

    /** Maps a Slack user to a console token, replacing what they were mapped to. */
    public void map(String slackUserId, String tokenId, String by) {
        if (slackUserId == null || !slackUserId.matches("[A-Z0-9]{2,64}")) {
            throw new IllegalArgumentException(
                    slackUserId + ": not a Slack user id (U followed by letters and digits)");
        }
        jdbc.update(
                "delete from slack_identity where slack_user_id = ?",
                s -> s.setString(1, slackUserId));
        jdbc.update(
                "insert into slack_identity (slack_user_id, token_id, created_by, created_at)"
                        + " values (?, ?, ?, ?)",
                s -> {
                    s.setString(1, slackUserId);
                    s.setString(2, tokenId);
                    s.setString(3, by);
                    s.setObject(4, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
                });
        audit.record(
                new SlackAudit.Entry(
                        slackUserId, by, "map", "token " + tokenId, true, "mapped by " + by));
    }

    /** Removes a mapping; false when there was none. */
    public boolean unmap(String slackUserId, String by) {
        boolean removed =
                jdbc.update(
                                "delete from slack_identity where slack_user_id = ?",
                                s -> s.setString(1, slackUserId))
                        == 1;
        if (removed) {
            audit.record(
                    new SlackAudit.Entry(
                            slackUserId, by, "unmap", null, true, "unmapped by " + by));
        }
        return removed;
    }

    /** The console token a Slack user acts as. */
    public Optional<String> tokenOf(String slackUserId) {
        return jdbc
                .query(
                        "select token_id from slack_identity where slack_user_id = ?",
                        s -> s.setString(1, slackUserId),
                        rs -> rs.getString(1))
                .stream()
                .findFirst();
    }

    /** Every mapping, by Slack user. */
    public List<Mapping> list() {
        return jdbc.query(
                "select * from slack_identity order by slack_user_id",
                s -> {},
                rs ->
                        new Mapping(
                                rs.getString("slack_user_id"),
                                rs.getString("token_id"),
                                rs.getString("created_by")));
    }
}

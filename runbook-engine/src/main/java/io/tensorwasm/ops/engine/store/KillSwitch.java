package io.tensorwasm.ops.engine.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The global kill switch as the store holds it: one row that every node, the console and the CLI
 * read, so flipping it anywhere stops automatic runs everywhere.
 *
 * @param engaged true while automatic runs are off
 * @param changedBy who flipped it last, empty if nobody ever did
 * @param reason why it was engaged, empty once released
 * @param changedAt when it was flipped last
 */
public record KillSwitch(
        boolean engaged, String changedBy, String reason, Optional<Instant> changedAt) {

    public KillSwitch {
        changedBy = changedBy == null ? "" : changedBy;
        reason = reason == null ? "" : reason;
        Objects.requireNonNull(changedAt, "changedAt");
    }
}

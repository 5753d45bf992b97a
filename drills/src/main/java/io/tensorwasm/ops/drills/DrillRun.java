package io.tensorwasm.ops.drills;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One recorded run of a drill.
 *
 * @param id its number
 * @param drill which drill
 * @param fireKey what made it unique: the scheduled fire time, or a manual run's id
 * @param node the console node that ran it
 * @param trigger {@code schedule} or {@code manual}
 * @param startedAt when it started
 * @param finishedAt when it finished, if it has
 * @param outcome {@code running}, {@code passed} or {@code failed}
 * @param summary one line: which checks failed
 * @param checks every check with what it saw
 */
public record DrillRun(
        long id,
        String drill,
        String fireKey,
        String node,
        String trigger,
        Instant startedAt,
        Optional<Instant> finishedAt,
        String outcome,
        String summary,
        List<DrillCheck> checks) {

    /** How long it took, once finished. */
    public Optional<Duration> duration() {
        return finishedAt.map(end -> Duration.between(startedAt, end));
    }
}

package io.tensorwasm.ops.drills;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a drill once per fire key and records it. A failed drill opens a sev-2 incident and pages
 * for it: "a paging path that fails its monthly test is a sev-2 issue in its own right" (seed 003).
 */
public final class DrillRunner {

    private static final Logger logger = LoggerFactory.getLogger(DrillRunner.class);

    private final Map<String, Drill> drills;
    private final DrillRunStore runs;
    private final FailurePages failures;
    private final String node;
    private final Clock clock;

    /** A runner for the drills by name, recording as the named node, reporting failures. */
    DrillRunner(
            Map<String, Drill> drills,
            DrillRunStore runs,
            FailurePages failures,
            String node,
            Clock clock) {
        this.drills = Map.copyOf(drills);
        this.runs = runs;
        this.failures = failures;
        this.node = node;
        this.clock = clock;
    }

    /** Marks runs cut off by a dead node an hour ago or more as interrupted; call at start. */
    public int recoverAbandoned() {
        return runs.markAbandoned(clock.instant().minus(Duration.ofHours(1)));
    }

    /** The drills, by name. */
    public Map<String, Drill> drills() {
        return drills;
    }

    /**
     * Runs the drill unless a run with the fire key exists; returns the run's id, or empty when
     * another node (or an earlier firing) already has this key.
     */
    public Optional<Long> run(String drillName, String fireKey, String trigger)
            throws InterruptedException {
        Drill drill = drills.get(drillName);
        if (drill == null) {
            throw new IllegalArgumentException(
                    drillName
                            + ": no such drill; drills are "
                            + String.join(", ", drills.keySet()));
        }
        Instant start = clock.instant();
        Optional<Long> id = runs.begin(drillName, fireKey, node, trigger, start);
        if (id.isEmpty()) {
            logger.info("drill={} fire_key={} skipped=already_run", drillName, fireKey);
            return id;
        }
        List<DrillCheck> checks;
        try {
            checks = checks(drill);
        } catch (InterruptedException e) {
            runs.interrupted(id.get(), clock.instant());
            throw e;
        }
        List<DrillCheck> failed = checks.stream().filter(c -> !c.passed()).toList();
        logger.info(
                "drill={} run={} outcome={} took_ms={}",
                drillName,
                id.get(),
                failed.isEmpty() ? "passed" : "failed",
                Duration.between(start, clock.instant()).toMillis());
        try {
            // The page before the record: whoever reads a run as "failed" finds its incident
            // already open. A page that cannot be sent still leaves the run recorded, and its
            // error goes to the caller.
            if (!failed.isEmpty()) {
                failures.failed(drill, id.get(), failed);
            }
        } finally {
            runs.finish(id.get(), checks, clock.instant());
        }
        return id;
    }

    private List<DrillCheck> checks(Drill drill) throws InterruptedException {
        Instant start = clock.instant();
        try {
            List<DrillCheck> checks = drill.run();
            return checks.isEmpty()
                    ? List.of(
                            DrillCheck.fail(
                                    "the drill ran checks",
                                    "it ran none",
                                    Duration.between(start, clock.instant())))
                    : checks;
        } catch (RuntimeException e) {
            return List.of(
                    DrillCheck.fail(
                            "the drill ran to the end",
                            "it stopped: " + e.getMessage(),
                            Duration.between(start, clock.instant())));
        }
    }
}

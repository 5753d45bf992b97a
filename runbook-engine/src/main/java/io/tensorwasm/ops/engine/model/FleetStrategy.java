package io.tensorwasm.ops.engine.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a fleet block goes through the members: the canary first alone, then batches, stopping when
 * more members failed than {@code max_fail} allows, with a pause between batches. Written as {@code
 * Fleet: canary 1, batch 1, max_fail 0, pause 10s}; Rundeck's node dispatch and Ansible's {@code
 * serial} and {@code max_fail_percentage} are the models.
 *
 * @param canary how many members go first, alone, before any other starts; 0 for none
 * @param batch how many members a batch holds (at least one, whatever a percentage rounds to)
 * @param maxFail how many members may fail; one more stops the rollout
 * @param pause the wait after each batch but the last
 */
public record FleetStrategy(int canary, Share batch, Share maxFail, Duration pause) {

    /** One member at a time, no canary, no failure allowed, no pause. */
    public static final FleetStrategy SERIAL =
            new FleetStrategy(0, new Share(1, false), new Share(0, false), Duration.ZERO);

    public FleetStrategy {
        if (canary < 0) {
            throw new IllegalArgumentException(
                    canary + ": canary is a count of members, 0 or more");
        }
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(maxFail, "maxFail");
        Objects.requireNonNull(pause, "pause");
        if (batch.value() < 1) {
            throw new IllegalArgumentException(
                    "batch " + batch + ": a batch holds at least one member");
        }
        if (pause.isNegative()) {
            throw new IllegalArgumentException(pause + ": a pause cannot be negative");
        }
    }

    /**
     * The members in batches, in order: the canary alone first, then the rest {@link #batch} at a
     * time; the last batch holds what is left.
     */
    public List<List<FleetMember>> batches(List<FleetMember> members) {
        List<List<FleetMember>> batches = new ArrayList<>();
        int size = Math.max(1, batch.of(members.size()));
        int from = Math.min(canary, members.size());
        if (from > 0) {
            batches.add(List.copyOf(members.subList(0, from)));
        }
        for (int i = from; i < members.size(); i += size) {
            batches.add(List.copyOf(members.subList(i, Math.min(members.size(), i + size))));
        }
        return batches;
    }

    /** True when {@code failed} members of a fleet of {@code total} are past {@link #maxFail}. */
    public boolean pastMaxFail(int failed, int total) {
        return failed > maxFail.of(total);
    }

    /** As a runbook writes it: {@code canary 1, batch 1, max_fail 0, pause 10s}. */
    public String text() {
        return "canary "
                + canary
                + ", batch "
                + batch
                + ", max_fail "
                + maxFail
                + ", pause "
                + Durations.format(pause);
    }
}

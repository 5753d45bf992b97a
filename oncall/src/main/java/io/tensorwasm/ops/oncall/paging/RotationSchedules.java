package io.tensorwasm.ops.oncall.paging;

import io.tensorwasm.ops.oncall.schedule.EscalationPolicy;
import io.tensorwasm.ops.oncall.schedule.Layer;
import io.tensorwasm.ops.oncall.schedule.PolicyStore;
import io.tensorwasm.ops.oncall.schedule.PolicyTier;
import io.tensorwasm.ops.oncall.schedule.Schedule;
import io.tensorwasm.ops.oncall.schedule.ScheduleOverride;
import io.tensorwasm.ops.oncall.schedule.ScheduleStore;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rotation file as schedules (issue #20): each staffed tier becomes a schedule of its name with
 * one member, and the {@code default} policy pages them in order with the file's ack timeout.
 * Imported at every start, so the file stays the truth for its tiers; the overrides and swaps
 * people put on those schedules since are kept.
 */
public final class RotationSchedules {

    /** The source of what the file made. */
    public static final String SOURCE = "rotations-file";

    private static final LocalDateTime EPOCH = LocalDateTime.of(2000, 1, 1, 0, 0);

    private RotationSchedules() {}

    /**
     * Writes the file's tiers as schedules and the default policy. A file that staffs no tier (only
     * {@code people} and maintainers) leaves the default policy as it is, so an imported one can
     * page through the file's channels. What is already as the file says is not written again, so
     * nodes starting together do not race.
     */
    public static void load(Rotations rotations, ScheduleStore schedules, PolicyStore policies) {
        List<PolicyTier> tiers = new ArrayList<>();
        for (Tier tier : Tier.values()) {
            Optional<Rotations.Responder> responder = rotations.responder(tier);
            if (responder.isEmpty()) {
                continue;
            }
            Optional<Schedule> existing = schedules.schedule(tier.label());
            List<ScheduleOverride> kept = existing.map(Schedule::overrides).orElse(List.of());
            Schedule schedule =
                    new Schedule(
                            tier.label(),
                            ZoneOffset.UTC,
                            List.of(
                                    new Layer(
                                            tier.label(),
                                            List.of(responder.get().person()),
                                            ZoneOffset.UTC,
                                            EPOCH,
                                            Duration.ofDays(7),
                                            Optional.empty())),
                            kept,
                            SOURCE);
            if (!existing.equals(Optional.of(schedule))) {
                schedules.save(schedule);
            }
            tiers.add(PolicyTier.schedule(tier.label(), rotations.ackTimeout(tier)));
        }
        EscalationPolicy policy = new EscalationPolicy(EscalationPolicy.DEFAULT, tiers, SOURCE);
        if (!tiers.isEmpty() && !policies.policy(policy.name()).equals(Optional.of(policy))) {
            policies.save(policy);
        }
    }
}

package io.tensorwasm.ops.oncall.paging;

import io.tensorwasm.ops.oncall.schedule.EscalationPolicy;
import io.tensorwasm.ops.oncall.schedule.PolicyStore;
import io.tensorwasm.ops.oncall.schedule.PolicyTier;
import io.tensorwasm.ops.oncall.schedule.ScheduleStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The responders of an escalation policy in the console's database (issue #20): tier N is whoever
 * its schedule says holds it at the moment of the page, overrides and swaps applied, or the person
 * it names. People are reached through the rotation file's channels; without a policy of that name
 * the file's tiers answer, as before schedules.
 */
public final class ScheduledResponders implements Responders {

    private final String policy;
    private final PolicyStore policies;
    private final ScheduleStore schedules;
    private final Rotations channels;

    /**
     * @param policy the name of the policy pages go to
     * @param channels the rotation file: its tiers when there is no such policy, and how each
     *     person is reached
     */
    public ScheduledResponders(
            String policy, PolicyStore policies, ScheduleStore schedules, Rotations channels) {
        this.policy = policy;
        this.policies = policies;
        this.schedules = schedules;
        this.channels = channels;
    }

    @Override
    public Optional<Rotations.Responder> responder(Tier tier, Instant at) {
        Optional<EscalationPolicy> current = policies.policy(policy);
        if (current.isEmpty()) {
            return channels.responder(tier, at);
        }
        return current.get()
                .holder(tier.ordinal(), at, schedules.schedules())
                .map(
                        person ->
                                new Rotations.Responder(
                                        person,
                                        channels.channelOf(person)
                                                .orElseGet(() -> new Unreachable(person))));
    }

    @Override
    public Duration ackTimeout(Tier tier) {
        Optional<EscalationPolicy> current = policies.policy(policy);
        if (current.isEmpty() || tier.ordinal() >= current.get().tiers().size()) {
            return channels.ackTimeout(tier);
        }
        return current.get().tiers().get(tier.ordinal()).ackTimeout();
    }

    @Override
    public Optional<PageChannel> channelOf(String person) {
        return channels.channelOf(person);
    }

    @Override
    public Rotations.Maintainers maintainers() {
        return channels.maintainers();
    }

    /** What a tier of the policy pages, for the schedule page and {@code twops oncall who}. */
    public Optional<PolicyTier> tier(Tier tier) {
        return policies.policy(policy)
                .filter(p -> tier.ordinal() < p.tiers().size())
                .map(p -> p.tiers().get(tier.ordinal()));
    }

    /**
     * A person the schedule names but no channel reaches: the page is recorded as not delivered,
     * and escalates when its timeout passes, as any unacknowledged page does.
     */
    private record Unreachable(String person) implements PageChannel {

        @Override
        public Delivery trigger(PageMessage message) {
            return new Delivery(
                    false,
                    "no channel reaches "
                            + person
                            + ": give them one under people in the rotation file");
        }

        @Override
        public Delivery acknowledge(String dedupKey) {
            return trigger(null);
        }

        @Override
        public Delivery resolve(String dedupKey) {
            return trigger(null);
        }

        @Override
        public String describe() {
            return "no channel";
        }
    }
}

package io.tensorwasm.ops.oncall.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whom a page goes to, tier by tier: paging asks tier 1 first, then the next when nobody
 * acknowledges in time. The console pages with the policy named {@link #DEFAULT}; the rotation file
 * is imported as that policy.
 *
 * @param name its name, unique in the console
 * @param tiers up to three tiers (primary, secondary, lead), in order
 * @param source where it came from, as for a {@link Schedule}
 */
public record EscalationPolicy(String name, List<PolicyTier> tiers, String source) {

    /** The policy pages go to. */
    public static final String DEFAULT = "default";

    /** The tiers' names, first to last, as rotation files, pages and the API call them. */
    public static final List<String> TIER_NAMES = List.of("primary", "secondary", "lead");

    /** Paging knows three tiers: primary, secondary and lead. */
    public static final int MAX_TIERS = TIER_NAMES.size();

    public EscalationPolicy {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an escalation policy needs a name");
        }
        tiers = List.copyOf(tiers);
        if (tiers.size() > MAX_TIERS) {
            throw new IllegalArgumentException(
                    name + ": " + tiers.size() + " tiers; a policy has at most " + MAX_TIERS);
        }
    }

    /**
     * Who holds a tier (0 for the first) at an instant: the person it names, or the holder of its
     * schedule; nobody when the tier is missing, its schedule unknown or uncovered.
     */
    public Optional<String> holder(int tier, Instant at, Map<String, Schedule> schedules) {
        if (tier >= tiers.size()) {
            return Optional.empty();
        }
        PolicyTier t = tiers.get(tier);
        if (t.person().isPresent()) {
            return t.person();
        }
        return Optional.ofNullable(schedules.get(t.schedule().get())).flatMap(s -> s.holder(at));
    }

    /**
     * Who holds each tier at an instant, first tier first: the one answer to "who is on call at T"
     * for the console's page, its API and {@code twops oncall who}.
     */
    public List<OnCall> onCall(Instant at, Map<String, Schedule> schedules) {
        List<OnCall> holders = new ArrayList<>();
        for (int i = 0; i < tiers.size(); i++) {
            PolicyTier t = tiers.get(i);
            holders.add(
                    new OnCall(
                            TIER_NAMES.get(i),
                            t.target(),
                            holder(i, at, schedules),
                            t.ackTimeout()));
        }
        return List.copyOf(holders);
    }

    /**
     * One tier and who holds it.
     *
     * @param tier {@code primary}, {@code secondary} or {@code lead}
     * @param target the schedule or person it names
     * @param person who holds it, or empty when nobody does
     * @param ackTimeout how long they have to acknowledge
     */
    public record OnCall(
            String tier, String target, Optional<String> person, Duration ackTimeout) {}
}

package io.tensorwasm.ops.oncall.paging;

import io.tensorwasm.ops.oncall.schedule.EscalationPolicy;
import java.util.Optional;

/** Who is paged, in order (seed 003, "Confirm the page was received"). */
public enum Tier {
    PRIMARY,
    SECONDARY,
    LEAD;

    /** The tier paged when this one does not acknowledge in time; none after the lead. */
    public Optional<Tier> next() {
        return switch (this) {
            case PRIMARY -> Optional.of(SECONDARY);
            case SECONDARY -> Optional.of(LEAD);
            case LEAD -> Optional.empty();
        };
    }

    /** The label used in configuration and pages: {@code primary}. */
    public String label() {
        return EscalationPolicy.TIER_NAMES.get(ordinal());
    }
}

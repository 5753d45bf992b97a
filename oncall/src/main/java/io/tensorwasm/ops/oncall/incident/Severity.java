package io.tensorwasm.ops.oncall.incident;

import java.util.Locale;

/**
 * How bad an incident is (seed 003): sev-1 and sev-2 page the rotation, sev-3 is filed and never
 * pages. When nothing says otherwise, an incident is sev-2.
 */
public enum Severity {
    /** User-visible outage or sustained SLO miss; the lead joins within 15 minutes. */
    SEV_1,
    /** Degraded service or a recurring ticket; the lead joins within 60 minutes. */
    SEV_2,
    /** An operational nuisance: filed, never paged. */
    SEV_3;

    /** The default when a runbook or alert does not say. */
    public static final Severity DEFAULT = SEV_2;

    /** Reads {@code sev-1}, {@code sev-2} or {@code sev-3}; anything else names the valid ones. */
    public static Severity parse(String label) {
        for (Severity severity : values()) {
            if (severity.label().equals(label)) {
                return severity;
            }
        }
        throw new IllegalArgumentException(
                label + ": unknown severity; severities are sev-1, sev-2, sev-3");
    }

    /** The label: {@code sev-1}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** True when incidents of this severity page a person. */
    public boolean pages() {
        return this != SEV_3;
    }
}

package io.tensorwasm.ops.oncall.incident;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * How bad an incident is (seed 003): sev-1 and sev-2 page the rotation, sev-3 is filed and never
 * pages. When nothing says otherwise, an incident is sev-2.
 *
 * <p>For an alert, the rule's {@code severity} label decides whether it pages at all, as
 * Alertmanager's routing does (issue #17): a {@code ticket} is sev-3 whatever its runbook says, so
 * neither its incident nor its runbook's escalation ever pages; a {@code page} takes its level from
 * its runbook (sev-1 or sev-2). The shipped runbooks agree with their rules, which a test keeps so.
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

    /**
     * The severity of an alert's incident: a {@code ticket} label is sev-3; otherwise the runbook's
     * {@code severity}, but a {@code page} is never filed (at least sev-2); without a runbook, a
     * {@code sev-N} label as is, else the default.
     *
     * @param label the alert's {@code severity} label, or empty
     * @param runbook the severity its runbook names, when it has a runbook
     */
    public static Severity ofAlert(String label, Optional<String> runbook) {
        if (label.equals("ticket")) {
            return SEV_3;
        }
        if (runbook.isPresent()) {
            Severity named = parse(runbook.get());
            return label.equals("page") && !named.pages() ? DEFAULT : named;
        }
        return label.startsWith("sev-") ? parse(label) : DEFAULT;
    }

    /**
     * How soon the on-call lead joins an incident of this severity (seed 003): a sev-1 within 15
     * minutes, a sev-2 within 60; a sev-3 pages nobody.
     */
    public Optional<Duration> leadJoinsWithin() {
        return switch (this) {
            case SEV_1 -> Optional.of(Duration.ofMinutes(15));
            case SEV_2 -> Optional.of(Duration.ofMinutes(60));
            case SEV_3 -> Optional.empty();
        };
    }

    /** What it means for the people: {@code pages} or {@code filed, never pages}. */
    public String meaning() {
        return pages() ? "pages" : "filed, never pages";
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

package io.tensorwasm.ops.oncall.remediation;

import io.tensorwasm.ops.oncall.incident.Incident;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What happens to an incident's runbook once the incident is open: off, suggest, or auto (the
 * runbook's {@code automation}). The desk asks for a {@link Plan} before it pages, so the page can
 * say what the engine does, and starts the plan once the page is out.
 */
@FunctionalInterface
public interface Remediation {

    /** Nothing runs; the incident and its page link to the runbook. */
    Remediation NONE = (incident, runbookId, fingerprint) -> Plan.NOTHING;

    /**
     * Decides what the runbook's policy does for a new firing. Called once per firing, on a worker
     * thread, after the incident is open and before anyone is paged.
     */
    /**
     * @param fingerprint the alert's fingerprint, which an automatic run records as its trigger
     */
    Plan plan(Incident incident, String runbookId, String fingerprint);

    /**
     * As {@link #plan(Incident, String, String)}, with the alert's labels, which fill the runbook's
     * parameters declared {@code from: labels.NAME} (issue #19).
     */
    default Plan plan(
            Incident incident, String runbookId, String fingerprint, Map<String, String> labels) {
        return plan(incident, runbookId, fingerprint);
    }

    /** The incident's alert resolved; whatever still waits on a person is withdrawn. */
    default void resolved(Incident incident) {}

    /** One pass of the sweep every node runs; nothing to do by default. */
    default void sweep() {}

    /**
     * At start: brings back what waited on a person when a console stopped; returns how many.
     * Nothing by default.
     */
    default int restore() {
        return 0;
    }

    /**
     * What a policy does.
     *
     * @param note one line the page carries after the alert's summary, or empty
     * @param holdPagesUntil keeps the page from escalating while the engine works the incident
     * @param begin starts the work once the page is out
     */
    record Plan(String note, Optional<Instant> holdPagesUntil, Runnable begin) {

        /** Nothing to say, nothing to hold, nothing to start. */
        public static final Plan NOTHING = new Plan("", Optional.empty(), () -> {});

        public Plan {
            Objects.requireNonNull(note, "note");
            Objects.requireNonNull(holdPagesUntil, "holdPagesUntil");
            Objects.requireNonNull(begin, "begin");
        }
    }
}

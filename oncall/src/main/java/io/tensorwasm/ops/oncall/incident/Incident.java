package io.tensorwasm.ops.oncall.incident;

import java.time.Instant;
import java.util.Optional;

/**
 * One incident.
 *
 * @param id its number
 * @param dedupKey what makes it unique: an alert's fingerprint and start, or a drill run
 * @param title what it is about
 * @param severity how bad it is
 * @param status open, acknowledged, mitigated (postmortem pending), or resolved
 * @param alertName the alert that opened it, if one did
 * @param runbookId the runbook that answers it, if there is one
 * @param host the host or deployment
 * @param openedAt when it was opened
 * @param closedAt when it was resolved
 */
public record Incident(
        long id,
        String dedupKey,
        String title,
        Severity severity,
        Status status,
        Optional<String> alertName,
        Optional<String> runbookId,
        String host,
        Instant openedAt,
        Optional<Instant> closedAt) {

    /** Where an incident stands. */
    public enum Status {
        OPEN("open"),
        ACKNOWLEDGED("acknowledged"),
        MITIGATED("mitigated, postmortem pending"),
        RESOLVED("resolved");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        /** The words the console and the timeline use. */
        public String label() {
            return label;
        }

        static Status parse(String label) {
            for (Status status : values()) {
                if (status.label.equals(label)) {
                    return status;
                }
            }
            throw new IllegalArgumentException(label + ": unknown incident status");
        }
    }
}

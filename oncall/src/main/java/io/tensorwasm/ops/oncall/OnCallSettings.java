package io.tensorwasm.ops.oncall;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the console pages and remediates.
 *
 * <pre>{@code
 * OnCallSettings settings = OnCallSettings.DEFAULTS.withRotations(Path.of("rotations.yml"));
 * }</pre>
 *
 * @param rotations the rotation file ({@code twops start --rotations}); none means pages are
 *     recorded as "nobody was paged"
 * @param approvalTimeout how long a prepared run ({@code automation: suggest}) waits for a person
 *     with the approver role before the incident escalates
 * @param stillFiringGrace how long the alert has to resolve after a successful automatic run before
 *     the incident escalates; longer than Alertmanager's {@code group_interval}
 * @param sweepEvery how often each node looks for overdue pages, approvals and alerts
 * @param publicUrl the console's URL as people reach it, for the links in pages; empty for the
 *     address it listens on
 */
public record OnCallSettings(
        Optional<Path> rotations,
        Duration approvalTimeout,
        Duration stillFiringGrace,
        Duration sweepEvery,
        Optional<URI> publicUrl) {

    /** No rotation, 15 minutes to approve, 5 minutes to resolve, a sweep every 5 seconds. */
    public static final OnCallSettings DEFAULTS =
            new OnCallSettings(
                    Optional.empty(),
                    Duration.ofMinutes(15),
                    Duration.ofMinutes(5),
                    Duration.ofSeconds(5),
                    Optional.empty());

    public OnCallSettings {
        Objects.requireNonNull(rotations, "rotations");
        Objects.requireNonNull(publicUrl, "publicUrl");
        positive(approvalTimeout, "the approval timeout");
        positive(stillFiringGrace, "the still-firing grace");
        positive(sweepEvery, "the escalation sweep interval");
    }

    /** The same, with a rotation file. */
    public OnCallSettings withRotations(Path file) {
        return new OnCallSettings(
                Optional.of(file), approvalTimeout, stillFiringGrace, sweepEvery, publicUrl);
    }

    /** The same, with another approval timeout. */
    public OnCallSettings withApprovalTimeout(Duration timeout) {
        return new OnCallSettings(rotations, timeout, stillFiringGrace, sweepEvery, publicUrl);
    }

    /** The same, with another grace for the alert to resolve after a successful run. */
    public OnCallSettings withStillFiringGrace(Duration grace) {
        return new OnCallSettings(rotations, approvalTimeout, grace, sweepEvery, publicUrl);
    }

    /** The same, sweeping at another interval. */
    public OnCallSettings withSweepEvery(Duration every) {
        return new OnCallSettings(rotations, approvalTimeout, stillFiringGrace, every, publicUrl);
    }

    /** The same, with the URL pages link to. */
    public OnCallSettings withPublicUrl(URI url) {
        return new OnCallSettings(
                rotations, approvalTimeout, stillFiringGrace, sweepEvery, Optional.of(url));
    }

    private static void positive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(d + ": " + what + " must be positive");
        }
    }
}

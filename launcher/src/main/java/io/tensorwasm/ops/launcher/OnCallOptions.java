package io.tensorwasm.ops.launcher;

import io.tensorwasm.ops.launcher.drill.DrillOptions;
import io.tensorwasm.ops.oncall.OnCallSettings;
import io.tensorwasm.ops.web.ConsoleConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options of {@code twops start} for paging and alert-triggered remediation (issue #8). */
final class OnCallOptions {

    @Option(
            names = "--rotations",
            paramLabel = "FILE",
            description =
                    "Rotation file: primary, secondary, lead, maintainers, ack_timeout"
                            + " (docs/DEPLOYMENT.md): whom alerts, failed drills and the paging"
                            + " drill page. Without it pages are recorded as \"nobody was paged\".")
    Path rotations;

    @Option(
            names = "--approval-timeout",
            paramLabel = "DURATION",
            defaultValue = "15m",
            converter = DrillOptions.DurationConverter.class,
            description =
                    "How long a prepared run (automation: suggest) waits for an approver before"
                            + " the incident escalates (default: ${DEFAULT-VALUE}).")
    Duration approvalTimeout;

    @Option(
            names = "--still-firing-grace",
            paramLabel = "DURATION",
            defaultValue = "5m",
            converter = DrillOptions.DurationConverter.class,
            description =
                    "How long an alert has to resolve after a successful automatic run before"
                            + " the incident escalates (default: ${DEFAULT-VALUE}).")
    Duration stillFiringGrace;

    @Option(
            names = "--escalation-sweep",
            paramLabel = "DURATION",
            defaultValue = "5s",
            converter = DrillOptions.DurationConverter.class,
            description =
                    "How often every node escalates unacknowledged pages and expired approvals"
                            + " (default: ${DEFAULT-VALUE}).")
    Duration escalationSweep;

    @Option(
            names = "--slack-signing-secret-file",
            paramLabel = "FILE",
            description =
                    "The Slack app's signing secret: clicks on Acknowledge, Approve and Reject"
                            + " arrive at /hooks/slack/interactions signed with it. Without it that"
                            + " route answers 404.")
    Path slackSigningSecret;

    @Option(
            names = "--slack-approvals-url-file",
            paramLabel = "FILE",
            description =
                    "A Slack incoming webhook URL: every step a run waits to have approved is"
                            + " posted there with Approve and Reject buttons.")
    Path slackApprovalsUrl;

    /** The Slack files onto the console's configuration (issue #20). */
    ConsoleConfig.Builder slack(ConsoleConfig.Builder console) {
        return console.slackSigningSecret(slackSigningSecret).slackApprovalsUrl(slackApprovalsUrl);
    }

    /**
     * The settings.
     *
     * @param consoleUrl the console's public base URL for links in pages ({@code --console-url});
     *     null for the address it listens on
     */
    OnCallSettings settings(URI consoleUrl) {
        OnCallSettings settings =
                OnCallSettings.DEFAULTS
                        .withApprovalTimeout(approvalTimeout)
                        .withStillFiringGrace(stillFiringGrace)
                        .withSweepEvery(escalationSweep);
        if (consoleUrl != null) {
            settings = settings.withPublicUrl(consoleUrl);
        }
        return rotations == null ? settings : settings.withRotations(rotations);
    }

    /** One line for the start report. */
    String describe() {
        return rotations == null
                ? "no rotation: pages are recorded as \"nobody was paged\"; give one with"
                        + " --rotations FILE"
                : "the rotation in " + rotations;
    }
}

package io.tensorwasm.ops.web;

import io.tensorwasm.ops.oncall.OnCall;
import io.tensorwasm.ops.oncall.paging.SlackChannel;
import io.tensorwasm.ops.oncall.slack.SlackApprovals;
import io.tensorwasm.ops.oncall.slack.SlackAudit;
import io.tensorwasm.ops.oncall.slack.SlackClicks;
import io.tensorwasm.ops.oncall.slack.SlackIdentities;
import io.tensorwasm.ops.oncall.slack.SlackSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Slack's part of the console (issue #20), from the two files the configuration names: the signing
 * secret that {@code /hooks/slack/interactions} checks clicks with, and the incoming webhook that
 * approval requests go to.
 */
final class ConsoleSlack {

    private ConsoleSlack() {}

    /** What Slack's clicks do; empty without a signing secret, and the route answers 404. */
    static Optional<SlackClicks> clicks(ConsoleParts parts) {
        OnCall onCall = parts.onCall();
        return parts.config()
                .slackSigningSecret()
                .map(
                        f ->
                                new SlackClicks(
                                        new SlackClicks.Parts(
                                                new SlackSignature(read(f)),
                                                new SlackIdentities(
                                                        parts.database().dataSource(),
                                                        parts.clock()),
                                                new SlackAudit(
                                                        parts.database().dataSource(),
                                                        parts.clock()),
                                                parts.tokens(),
                                                onCall.desk(),
                                                onCall.runs(),
                                                onCall.incidents(),
                                                onCall.remediations(),
                                                parts.clock())));
    }

    /** Approval requests to Slack, when a webhook for them is configured. */
    static Optional<SlackApprovals> approvals(ConsoleConfig config) {
        return config.slackApprovalsUrl()
                .map(
                        f ->
                                new SlackApprovals(
                                        new SlackChannel(URI.create(read(f))), config.publicUrl()));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read this Slack secret file", e);
        }
    }
}

package io.tensorwasm.ops.oncall.slack;

import io.tensorwasm.ops.engine.model.Trigger;
import io.tensorwasm.ops.oncall.access.Principal;
import io.tensorwasm.ops.oncall.access.Role;
import io.tensorwasm.ops.oncall.access.TokenStore;
import io.tensorwasm.ops.oncall.desk.AlertDesk;
import io.tensorwasm.ops.oncall.incident.IncidentStore;
import io.tensorwasm.ops.oncall.incident.TimelineEvent;
import io.tensorwasm.ops.oncall.paging.SlackChannel;
import io.tensorwasm.ops.oncall.remediation.RemediationRecord;
import io.tensorwasm.ops.oncall.remediation.RemediationStore;
import io.tensorwasm.ops.oncall.run.Answer;
import io.tensorwasm.ops.oncall.run.LiveRun;
import io.tensorwasm.ops.oncall.run.LiveRuns;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a button clicked in Slack does (issue #20). A click counts only when Slack's signature holds
 * and is under five minutes old, and only as the console token its Slack user is mapped to:
 * acknowledging needs the operator role, approving and rejecting the approver role, and the person
 * who started a run cannot approve it. Every click, accepted or refused, is audited and noted on
 * the incident it names. The HTTP route ({@code web.slack.SlackRoutes}) only carries the request
 * here and the outcome back.
 */
public final class SlackClicks {

    private static final Logger logger = LoggerFactory.getLogger(SlackClicks.class);

    /** How a click ended; the route turns each into its HTTP status. */
    public enum Verdict {
        ACCEPTED,
        /** The signature is missing, wrong or stale. */
        UNSIGNED,
        /** Not a block action with a user and a button, or a button that names nothing here. */
        MALFORMED,
        /** The Slack user is not mapped, lacks the role, or would approve their own run. */
        FORBIDDEN,
        /** The incident it names does not exist. */
        UNKNOWN,
        /** The question was answered already, or the run ended. */
        STALE
    }

    /**
     * What became of a click.
     *
     * @param verdict accepted, or why not
     * @param reason the sentence shown to the clicker, audited and noted on the incident
     */
    public record Outcome(Verdict verdict, String reason) {

        public Outcome {
            Objects.requireNonNull(verdict, "verdict");
            Objects.requireNonNull(reason, "reason");
        }

        public boolean accepted() {
            return verdict == Verdict.ACCEPTED;
        }
    }

    /**
     * What clicks act on.
     *
     * @param signature the signing secret's verifier
     * @param identities which console token each Slack user acts as
     * @param audit where every click is recorded
     * @param tokens the console's tokens, for the holder's name and role
     * @param desk acknowledges incidents
     * @param runs the runs that wait on a question
     * @param incidents the incidents' timelines
     * @param remediations which incident a run belongs to
     * @param clock the clock the five minutes are counted on
     */
    public record Parts(
            SlackSignature signature,
            SlackIdentities identities,
            SlackAudit audit,
            TokenStore tokens,
            AlertDesk desk,
            LiveRuns runs,
            IncidentStore incidents,
            RemediationStore remediations,
            Clock clock) {}

    private final Parts parts;

    public SlackClicks(Parts parts) {
        this.parts = Objects.requireNonNull(parts, "parts");
    }

    /**
     * Checks, acts, audits and notes one request; blocks on the database.
     *
     * @param timestamp the {@code X-Slack-Request-Timestamp} header, or null
     * @param signature the {@code X-Slack-Signature} header, or null
     * @param body the raw form body Slack posted
     */
    public Outcome handle(String timestamp, String signature, byte[] body) {
        SlackSignature.Check check =
                parts.signature().check(timestamp, signature, body, parts.clock().instant());
        Optional<SlackClick> click = SlackClick.parse(new String(body, StandardCharsets.UTF_8));
        if (check != SlackSignature.Check.VALID) {
            return settle(
                    click,
                    null,
                    new Outcome(Verdict.UNSIGNED, "request refused: " + check.reason()));
        }
        if (click.isEmpty()) {
            Outcome malformed =
                    new Outcome(Verdict.MALFORMED, "not a block action with a user and a button");
            parts.audit()
                    .record(
                            new SlackAudit.Entry(
                                    null, null, null, null, false, malformed.reason()));
            return malformed;
        }
        Optional<Principal> who =
                parts.identities()
                        .tokenOf(click.get().userId())
                        .flatMap(
                                id ->
                                        parts.tokens().list().stream()
                                                .filter(p -> p.tokenId().equals(id))
                                                .findFirst());
        if (who.isEmpty()) {
            return settle(
                    click,
                    null,
                    new Outcome(
                            Verdict.FORBIDDEN,
                            "Slack user "
                                    + click.get().userId()
                                    + " is not mapped to an active console token"));
        }
        return settle(click, who.get(), act(click.get(), who.get()));
    }

    private Outcome act(SlackClick click, Principal who) {
        return switch (click.actionId()) {
            case SlackChannel.ACKNOWLEDGE -> acknowledge(click, who);
            case SlackChannel.APPROVE, SlackChannel.REJECT -> answer(click, who);
            default ->
                    new Outcome(
                            Verdict.MALFORMED, click.actionId() + ": not a button of this console");
        };
    }

    private Outcome acknowledge(SlackClick click, Principal who) {
        if (!who.role().includes(Role.OPERATOR)) {
            return lacks(who, Role.OPERATOR, "acknowledge an incident");
        }
        Optional<Long> incident = click.number("incident");
        if (incident.isEmpty()) {
            return new Outcome(Verdict.MALFORMED, click.value() + ": names no incident");
        }
        return parts.desk()
                .acknowledge(incident.get(), who.name())
                .map(
                        i ->
                                new Outcome(
                                        Verdict.ACCEPTED,
                                        "acknowledged incident " + i.id() + " as " + who.name()))
                .orElseGet(() -> new Outcome(Verdict.UNKNOWN, "no incident " + incident.get()));
    }

    private Outcome answer(SlackClick click, Principal who) {
        boolean approve = click.actionId().equals(SlackChannel.APPROVE);
        if (!who.role().includes(Role.APPROVER)) {
            return lacks(who, Role.APPROVER, approve ? "approve a step" : "reject a step");
        }
        Optional<Long> execution = click.number("execution");
        Optional<Long> question = click.number("question");
        if (execution.isEmpty() || question.isEmpty()) {
            return new Outcome(
                    Verdict.MALFORMED, click.value() + ": names no execution and question");
        }
        Optional<Trigger> requester =
                parts.runs().store().find(execution.get()).map(r -> r.summary().trigger());
        if (approve
                && requester.isPresent()
                && requester.get().kind() == Trigger.Source.PERSON
                && requester.get().value().equals(who.name())) {
            return new Outcome(
                    Verdict.FORBIDDEN,
                    who.name()
                            + " started execution "
                            + execution.get()
                            + " and cannot approve it; another approver must");
        }
        Optional<LiveRun> run = parts.runs().live(execution.get());
        Answer given =
                approve
                        ? Answer.approve(who.name())
                        : Answer.abort(who.name(), "rejected from Slack");
        if (run.isEmpty() || !run.get().answer(question.get(), given)) {
            return new Outcome(
                    Verdict.STALE,
                    "execution "
                            + execution.get()
                            + " does not wait on question "
                            + question.get()
                            + " in this console: answered already, or ended");
        }
        return new Outcome(
                Verdict.ACCEPTED,
                (approve ? "approved" : "rejected")
                        + " question "
                        + question.get()
                        + " of execution "
                        + execution.get()
                        + " as "
                        + who.name());
    }

    private static Outcome lacks(Principal who, Role role, String action) {
        return new Outcome(
                Verdict.FORBIDDEN,
                who.name()
                        + " holds the "
                        + who.role().label()
                        + " role; to "
                        + action
                        + " takes the "
                        + role.label()
                        + " role or above");
    }

    /** Audits the click and notes it on the incident it names, if any; returns the outcome. */
    private Outcome settle(Optional<SlackClick> click, Principal who, Outcome outcome) {
        String user = click.map(SlackClick::userId).orElse(null);
        String action = click.map(SlackClick::actionId).orElse(null);
        String target = click.map(SlackClick::value).orElse(null);
        parts.audit()
                .record(
                        new SlackAudit.Entry(
                                user,
                                who == null ? null : who.name(),
                                action,
                                target,
                                outcome.accepted(),
                                outcome.reason()));
        click.flatMap(this::incidentOf)
                .ifPresent(
                        incident ->
                                parts.incidents()
                                        .append(
                                                incident,
                                                TimelineEvent.Kind.NOTE,
                                                note(click.get(), who, outcome),
                                                parts.clock().instant()));
        logger.info(
                "action=slack_click outcome={} verdict={} user={} button={}",
                outcome.accepted() ? "accepted" : "refused",
                outcome.verdict(),
                user,
                action);
        return outcome;
    }

    private static String note(SlackClick click, Principal who, Outcome outcome) {
        String by =
                (who == null ? "Slack user " + click.userId() : who.name() + " via Slack")
                        + " ("
                        + click.actionId().replace("twops_", "")
                        + ")";
        return (outcome.accepted() ? "Slack click accepted: " : "Slack click refused: ")
                + by
                + ": "
                + outcome.reason();
    }

    /** The incident a click names: its own, or the one whose remediation runs the execution. */
    private Optional<Long> incidentOf(SlackClick click) {
        Optional<Long> incident = click.number("incident");
        if (incident.isPresent()) {
            return parts.incidents().find(incident.get()).map(i -> i.id());
        }
        return click.number("execution")
                .flatMap(
                        e ->
                                parts.remediations()
                                        .byExecution(e)
                                        .map(RemediationRecord::incidentId)
                                        .or(
                                                () ->
                                                        parts.incidents()
                                                                .findByKey("execution:" + e)
                                                                .map(i -> i.id())));
    }
}

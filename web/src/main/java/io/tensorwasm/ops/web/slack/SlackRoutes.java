package io.tensorwasm.ops.web.slack;

import io.tensorwasm.ops.engine.model.Trigger;
import io.tensorwasm.ops.oncall.OnCall;
import io.tensorwasm.ops.oncall.incident.TimelineEvent;
import io.tensorwasm.ops.oncall.paging.SlackChannel;
import io.tensorwasm.ops.oncall.remediation.RemediationRecord;
import io.tensorwasm.ops.oncall.run.Answer;
import io.tensorwasm.ops.oncall.run.LiveRun;
import io.tensorwasm.ops.web.auth.Principal;
import io.tensorwasm.ops.web.auth.Role;
import io.tensorwasm.ops.web.auth.TokenStore;
import io.tensorwasm.ops.web.failure.ConsoleException;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /hooks/slack/interactions}: the buttons of pages and approval requests, clicked in
 * Slack (issue #20). A click counts only when Slack's signature holds and is under five minutes
 * old, and only as the console token its Slack user is mapped to: acknowledging needs the operator
 * role, approving and rejecting the approver role, and the person who started a run cannot approve
 * it. Every click, accepted or refused, is audited and noted on the incident it names.
 *
 * <pre>{@code
 * new SlackRoutes(vertx, new SlackRoutes.Parts(signature, identities, audit, tokens, onCall, clock))
 *         .mount(router);     // before the console's session and CSRF handlers
 * }</pre>
 */
public final class SlackRoutes {

    private static final Logger logger = LoggerFactory.getLogger(SlackRoutes.class);
    private static final long BODY_LIMIT_BYTES = 64 * 1024;

    private final Vertx vertx;
    private final Parts parts;

    /**
     * What the route works with.
     *
     * @param signature the signing secret's verifier; empty when Slack is not configured, and the
     *     route answers 404
     * @param identities which console token each Slack user acts as
     * @param audit where every click is recorded
     * @param tokens the console's tokens, for the holder's name and role
     * @param onCall the desk that acknowledges, the runs that wait, the incidents' timelines
     * @param clock the clock the five minutes are counted on
     */
    public record Parts(
            Optional<SlackSignature> signature,
            SlackIdentities identities,
            SlackAudit audit,
            TokenStore tokens,
            OnCall onCall,
            Clock clock) {}

    /** The route over its parts. */
    public SlackRoutes(Vertx vertx, Parts parts) {
        this.vertx = vertx;
        this.parts = parts;
    }

    /** Mounts the route; call before the console's session and CSRF handlers. */
    public void mount(Router router) {
        router.post("/hooks/slack/interactions")
                .handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES))
                .handler(this::interact);
    }

    private void interact(RoutingContext ctx) {
        if (parts.signature().isEmpty()) {
            ctx.fail(new ConsoleException.NotFound("Slack is not configured on this console"));
            return;
        }
        byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        SlackSignature.Check check =
                parts.signature()
                        .get()
                        .check(
                                ctx.request().getHeader("X-Slack-Request-Timestamp"),
                                ctx.request().getHeader("X-Slack-Signature"),
                                body,
                                parts.clock().instant());
        Optional<SlackClick> click = SlackClick.parse(new String(body, StandardCharsets.UTF_8));
        vertx.executeBlocking(() -> decide(check, click), false)
                .onSuccess(
                        outcome -> {
                            if (outcome.status() == 200) {
                                ctx.json(new JsonObject().put("text", outcome.reason()));
                            } else {
                                ctx.fail(outcome.failure());
                            }
                        })
                .onFailure(ctx::fail);
    }

    /** Checks, acts, audits and notes the click; blocks on the database. */
    private Outcome decide(SlackSignature.Check check, Optional<SlackClick> click) {
        if (check != SlackSignature.Check.VALID) {
            Outcome refused = Outcome.refused(401, "request refused: " + check.reason());
            return settle(click, null, refused);
        }
        if (click.isEmpty()) {
            Outcome malformed = Outcome.refused(400, "not a block action with a user and a button");
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
                    Outcome.refused(
                            403,
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
            default -> Outcome.refused(400, click.actionId() + ": not a button of this console");
        };
    }

    private Outcome acknowledge(SlackClick click, Principal who) {
        if (!who.role().includes(Role.OPERATOR)) {
            return lacks(who, Role.OPERATOR, "acknowledge an incident");
        }
        Optional<Long> incident = click.number("incident");
        if (incident.isEmpty()) {
            return Outcome.refused(400, click.value() + ": names no incident");
        }
        return parts.onCall()
                .desk()
                .acknowledge(incident.get(), who.name())
                .map(i -> Outcome.accepted("acknowledged incident " + i.id() + " as " + who.name()))
                .orElseGet(() -> Outcome.refused(404, "no incident " + incident.get()));
    }

    private Outcome answer(SlackClick click, Principal who) {
        boolean approve = click.actionId().equals(SlackChannel.APPROVE);
        String verb = approve ? "approve a step" : "reject a step";
        if (!who.role().includes(Role.APPROVER)) {
            return lacks(who, Role.APPROVER, verb);
        }
        Optional<Long> execution = click.number("execution");
        Optional<Long> question = click.number("question");
        if (execution.isEmpty() || question.isEmpty()) {
            return Outcome.refused(400, click.value() + ": names no execution and question");
        }
        Optional<Trigger> requester =
                parts.onCall().runs().store().find(execution.get()).map(r -> r.summary().trigger());
        if (approve
                && requester.isPresent()
                && requester.get().kind() == Trigger.Source.PERSON
                && requester.get().value().equals(who.name())) {
            return Outcome.refused(
                    403,
                    who.name()
                            + " started execution "
                            + execution.get()
                            + " and cannot approve it; another approver must");
        }
        Optional<LiveRun> run = parts.onCall().runs().live(execution.get());
        Answer given =
                approve
                        ? Answer.approve(who.name())
                        : Answer.abort(who.name(), "rejected from Slack");
        if (run.isEmpty() || !run.get().answer(question.get(), given)) {
            return Outcome.refused(
                    409,
                    "execution "
                            + execution.get()
                            + " does not wait on question "
                            + question.get()
                            + " in this console: answered already, or ended");
        }
        return Outcome.accepted(
                (approve ? "approved" : "rejected")
                        + " question "
                        + question.get()
                        + " of execution "
                        + execution.get()
                        + " as "
                        + who.name());
    }

    private static Outcome lacks(Principal who, Role role, String action) {
        return Outcome.refused(
                403,
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
                                outcome.status() == 200,
                                outcome.reason()));
        click.flatMap(this::incidentOf)
                .ifPresent(
                        incident ->
                                parts.onCall()
                                        .incidents()
                                        .append(
                                                incident,
                                                TimelineEvent.Kind.NOTE,
                                                note(click.get(), who, outcome),
                                                parts.clock().instant()));
        logger.info(
                "action=slack_click outcome={} status={} user={} button={}",
                outcome.status() == 200 ? "accepted" : "refused",
                outcome.status(),
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
        return (outcome.status() == 200 ? "Slack click accepted: " : "Slack click refused: ")
                + by
                + ": "
                + outcome.reason();
    }

    /** The incident a click names: its own, or the one whose remediation runs the execution. */
    private Optional<Long> incidentOf(SlackClick click) {
        Optional<Long> incident = click.number("incident");
        if (incident.isPresent()) {
            return parts.onCall().incidents().find(incident.get()).map(i -> i.id());
        }
        return click.number("execution")
                .flatMap(
                        e ->
                                parts.onCall()
                                        .remediations()
                                        .byExecution(e)
                                        .map(RemediationRecord::incidentId)
                                        .or(
                                                () ->
                                                        parts.onCall()
                                                                .incidents()
                                                                .findByKey("execution:" + e)
                                                                .map(i -> i.id())));
    }

    /** What became of a click: 200 accepted, or the status it was refused with and why. */
    private record Outcome(int status, String reason) {

        static Outcome accepted(String reason) {
            return new Outcome(200, reason);
        }

        static Outcome refused(int status, String reason) {
            return new Outcome(status, reason);
        }

        ConsoleException failure() {
            return switch (status) {
                case 401 -> new ConsoleException.Unauthorized(reason);
                case 403 -> new ConsoleException.Forbidden(reason);
                case 404 -> new ConsoleException.NotFound(reason);
                case 409 -> new ConsoleException.Conflict(reason);
                default -> new ConsoleException.BadRequest(reason);
            };
        }
    }
}

package io.tensorwasm.ops.web.slack;

import io.tensorwasm.ops.oncall.slack.SlackClicks;
import io.tensorwasm.ops.web.failure.ConsoleException;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Optional;

/**
 * {@code POST /hooks/slack/interactions}: the buttons of pages and approval requests, clicked in
 * Slack (issue #20). The route has no session and no CSRF token: Slack's signature replaces both,
 * checked by {@link SlackClicks} with everything else a click decides. Answers 200 with {@code
 * {"text": ...}} when the click was accepted; 401 unsigned or stale, 400 malformed, 403 not
 * allowed, 404 unknown incident (or Slack not configured), 409 answered already; the body always
 * says why.
 *
 * <pre>{@code
 * new SlackRoutes(vertx, Optional.of(clicks)).mount(router);   // before sessions and CSRF
 * }</pre>
 */
public final class SlackRoutes {

    private static final long BODY_LIMIT_BYTES = 64 * 1024;

    private final Vertx vertx;
    private final Optional<SlackClicks> clicks;

    /** The route; without clicks (no signing secret configured) it answers 404. */
    public SlackRoutes(Vertx vertx, Optional<SlackClicks> clicks) {
        this.vertx = vertx;
        this.clicks = clicks;
    }

    /** Mounts the route; call before the console's session and CSRF handlers. */
    public void mount(Router router) {
        router.post("/hooks/slack/interactions")
                .handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES))
                .handler(this::interact);
    }

    private void interact(RoutingContext ctx) {
        if (clicks.isEmpty()) {
            ctx.fail(new ConsoleException.NotFound("Slack is not configured on this console"));
            return;
        }
        byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        String timestamp = ctx.request().getHeader("X-Slack-Request-Timestamp");
        String signature = ctx.request().getHeader("X-Slack-Signature");
        vertx.executeBlocking(() -> clicks.get().handle(timestamp, signature, body), false)
                .onSuccess(
                        outcome -> {
                            if (outcome.accepted()) {
                                ctx.json(new JsonObject().put("text", outcome.reason()));
                            } else {
                                ctx.fail(failure(outcome));
                            }
                        })
                .onFailure(ctx::fail);
    }

    private static ConsoleException failure(SlackClicks.Outcome outcome) {
        String reason = outcome.reason();
        return switch (outcome.verdict()) {
            case UNSIGNED -> new ConsoleException.Unauthorized(reason);
            case FORBIDDEN -> new ConsoleException.Forbidden(reason);
            case UNKNOWN -> new ConsoleException.NotFound(reason);
            case STALE -> new ConsoleException.Conflict(reason);
            case MALFORMED, ACCEPTED -> new ConsoleException.BadRequest(reason);
        };
    }
}

package io.tensorwasm.ops.web.incidents;

import io.tensorwasm.ops.oncall.access.ConsoleSecrets;
import io.tensorwasm.ops.oncall.desk.AlertIntake;
import io.tensorwasm.ops.web.failure.ConsoleException;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /hooks/alertmanager}: Alertmanager's webhook. Alertmanager delivers at least once —
 * it resends on 5xx (never on 4xx), HA pairs send twice, every delivery repeats the whole group, a
 * resolution may overtake its firing — so the receiver stores each delivery before it answers 2xx,
 * answers 503 (never 429) when it cannot keep up, and leaves deduplication to unique keys in the
 * database.
 */
public final class WebhookRoutes {

    /** The largest delivery taken; Alertmanager's groups are far smaller. */
    public static final long BODY_LIMIT_BYTES = 1024 * 1024;

    private static final Logger logger = LoggerFactory.getLogger(WebhookRoutes.class);

    private final Vertx vertx;
    private final ConsoleSecrets.StoredToken token;
    private final AlertIntake intake;
    private final int maxInFlight;
    private final AtomicInteger inFlight = new AtomicInteger();

    /**
     * Routes that accept deliveries carrying the bearer token.
     *
     * @param maxInFlight deliveries processed at once; more get 503 so Alertmanager retries
     */
    public WebhookRoutes(
            Vertx vertx, ConsoleSecrets.StoredToken token, AlertIntake intake, int maxInFlight) {
        this.vertx = vertx;
        this.token = Objects.requireNonNull(token, "token");
        this.intake = intake;
        this.maxInFlight = maxInFlight;
    }

    /**
     * Mounts the route; call before the console's session and CSRF handlers. Failures are answered
     * by the console's {@code FailureHandler}, in its JSON error shape.
     */
    public void mount(Router router) {
        // The token is checked on a route of its own, before any of the body is read: Vert.x
        // wants the body handler first on a route, and a stranger's megabyte is not worth reading.
        router.post("/hooks/alertmanager").handler(this::authorize);
        router.post("/hooks/alertmanager")
                .handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES))
                .handler(this::deliver);
    }

    private void authorize(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        String presented =
                header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                        ? header.substring(7).strip()
                        : "";
        if (!token.matches(presented)) {
            logger.warn(
                    "action=webhook_refused reason=bad_token remote={}",
                    ctx.request().remoteAddress());
            ctx.fail(new ConsoleException.Unauthorized("missing or wrong bearer token"));
            return;
        }
        ctx.next();
    }

    private void deliver(RoutingContext ctx) {
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            ctx.response().putHeader("Retry-After", "5");
            ctx.fail(new ConsoleException.Unavailable("too many deliveries at once; retry", null));
            return;
        }
        String body = ctx.body().asString(StandardCharsets.UTF_8.name());
        vertx.executeBlocking(() -> intake.deliver(body), false)
                .onComplete(done -> inFlight.decrementAndGet())
                .onSuccess(
                        outcome -> {
                            if (outcome.malformed().isPresent()) {
                                ctx.fail(
                                        new ConsoleException.BadRequest(outcome.malformed().get())
                                                .with("delivery_id", outcome.deliveryId()));
                            } else {
                                ctx.json(
                                        new JsonObject()
                                                .put("delivery_id", outcome.deliveryId())
                                                .put("alerts", outcome.alerts())
                                                .put("new", outcome.fresh()));
                            }
                        })
                .onFailure(
                        e -> {
                            logger.error("action=webhook_failed", e);
                            ctx.fail(
                                    new ConsoleException.Unavailable(
                                            "the delivery could not be stored or handled;"
                                                    + " Alertmanager will retry",
                                            e));
                        });
    }
}

package io.tensorwasm.ops.web.webhook;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
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
    private final byte[] token;
    private final AlertLedger ledger;
    private final IncidentDesk desk;
    private final Clock clock;
    private final int maxInFlight;
    private final AtomicInteger inFlight = new AtomicInteger();

    /**
     * Routes that accept deliveries carrying the bearer token.
     *
     * @param maxInFlight deliveries processed at once; more get 503 so Alertmanager retries
     */
    public WebhookRoutes(
            Vertx vertx,
            String token,
            AlertLedger ledger,
            IncidentDesk desk,
            Clock clock,
            int maxInFlight) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("the Alertmanager webhook needs a bearer token");
        }
        this.vertx = vertx;
        this.token = token.strip().getBytes(StandardCharsets.UTF_8);
        this.ledger = ledger;
        this.desk = desk;
        this.clock = clock;
        this.maxInFlight = maxInFlight;
    }

    /** Mounts the route; call before the console's session and CSRF handlers. */
    public void mount(Router router) {
        // The token is checked on a route of its own, before any of the body is read: Vert.x
        // wants the body handler first on a route, and a stranger's megabyte is not worth reading.
        router.post("/hooks/alertmanager").handler(this::authorize);
        router.post("/hooks/alertmanager")
                .handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES))
                .handler(this::deliver)
                .failureHandler(this::failed);
    }

    private void authorize(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        byte[] presented =
                header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                        ? header.substring(7).strip().getBytes(StandardCharsets.UTF_8)
                        : new byte[0];
        if (!MessageDigest.isEqual(presented, token)) {
            logger.warn(
                    "action=webhook_refused reason=bad_token remote={}",
                    ctx.request().remoteAddress());
            error(ctx, 401, "unauthorized", "missing or wrong bearer token", -1);
            return;
        }
        ctx.next();
    }

    private void deliver(RoutingContext ctx) {
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            ctx.response().putHeader("Retry-After", "5");
            error(ctx, 503, "overloaded", "too many deliveries at once; retry", -1);
            return;
        }
        String body = ctx.body().asString(StandardCharsets.UTF_8.name());
        vertx.executeBlocking(() -> process(body), false)
                .onComplete(done -> inFlight.decrementAndGet())
                .onSuccess(
                        result -> {
                            if (result.error() != null) {
                                error(ctx, 400, "malformed", result.error(), result.deliveryId());
                            } else {
                                ctx.json(
                                        new JsonObject()
                                                .put("delivery_id", result.deliveryId())
                                                .put("alerts", result.alerts())
                                                .put("new", result.fresh()));
                            }
                        })
                .onFailure(
                        e -> {
                            logger.error("action=webhook_failed", e);
                            error(
                                    ctx,
                                    503,
                                    "unavailable",
                                    "the delivery could not be stored or handled;"
                                            + " Alertmanager will retry",
                                    -1);
                        });
    }

    private Result process(String body) {
        Instant now = clock.instant();
        long id = ledger.received(body, now);
        AlertmanagerPayload payload;
        try {
            payload = AlertmanagerPayload.parse(body);
        } catch (IllegalArgumentException malformed) {
            ledger.outcome(id, "malformed", malformed.getMessage());
            return new Result(id, 0, 0, malformed.getMessage());
        }
        int fresh = 0;
        for (AlertmanagerPayload.Alert alert : payload.alerts()) {
            boolean admitted = ledger.admit(id, alert, now);
            fresh += admitted ? 1 : 0;
            if (alert.firing()) {
                desk.firing(alert, ledger.resolvedBefore(alert));
            } else {
                desk.resolved(alert);
            }
        }
        ledger.outcome(id, "accepted", payload.alerts().size() + " alerts, " + fresh + " new");
        return new Result(id, payload.alerts().size(), fresh, null);
    }

    private void failed(RoutingContext ctx) {
        if (ctx.statusCode() == 413) {
            error(ctx, 413, "too_large", "the body is over " + BODY_LIMIT_BYTES + " bytes", -1);
        } else {
            logger.error("action=webhook_failed status={}", ctx.statusCode(), ctx.failure());
            error(
                    ctx,
                    503,
                    "unavailable",
                    "the delivery could not be handled; Alertmanager will" + " retry",
                    -1);
        }
    }

    private static void error(
            RoutingContext ctx, int status, String code, String message, long deliveryId) {
        JsonObject error = new JsonObject().put("code", code).put("message", message);
        if (deliveryId >= 0) {
            error.put("delivery_id", deliveryId);
        }
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("error", error).encode());
    }

    /** What a delivery came to. */
    private record Result(long deliveryId, int alerts, int fresh, String error) {}
}

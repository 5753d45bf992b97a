package io.tensorwasm.ops.web.schedules;

import io.tensorwasm.ops.oncall.schedule.EscalationPolicy;
import io.tensorwasm.ops.oncall.schedule.Schedule;
import io.tensorwasm.ops.web.failure.ConsoleException;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * Who is on call, for scripts: {@code GET /api/oncall?at=T}, each tier of the default policy and
 * who holds it, and {@code GET /api/schedules/{name}/oncall?at=T}, one schedule's holder; {@code
 * at} is an instant, now when absent.
 */
final class OnCallApi {

    private final Vertx vertx;
    private final ScheduleRoutes.Parts parts;

    OnCallApi(Vertx vertx, ScheduleRoutes.Parts parts) {
        this.vertx = vertx;
        this.parts = parts;
    }

    void who(RoutingContext ctx) {
        Optional<Instant> at = instant(ctx);
        if (at.isEmpty()) {
            return;
        }
        vertx.executeBlocking(() -> tiers(at.get()), false)
                .onSuccess(ctx::json)
                .onFailure(ctx::fail);
    }

    /** Who holds each tier of the default policy at an instant, as JSON. */
    private JsonObject tiers(Instant at) {
        Map<String, Schedule> all = parts.schedules().schedules();
        JsonArray tiers = new JsonArray();
        parts.policies().policy(EscalationPolicy.DEFAULT).stream()
                .flatMap(p -> p.onCall(at, all).stream())
                .forEach(
                        t ->
                                tiers.add(
                                        new JsonObject()
                                                .put("tier", t.tier())
                                                .put("target", t.target())
                                                .put("person", t.person().orElse(null))
                                                .put(
                                                        "ack_timeout_seconds",
                                                        t.ackTimeout().toSeconds())));
        return new JsonObject()
                .put("at", at.toString())
                .put("policy", EscalationPolicy.DEFAULT)
                .put("tiers", tiers);
    }

    void schedule(RoutingContext ctx) {
        Optional<Instant> at = instant(ctx);
        if (at.isEmpty()) {
            return;
        }
        String name = ctx.pathParam("name");
        vertx.executeBlocking(() -> parts.schedules().schedule(name), false)
                .onSuccess(
                        s -> {
                            if (s.isEmpty()) {
                                ctx.fail(new ConsoleException.NotFound("no schedule " + name));
                            } else {
                                ctx.json(
                                        new JsonObject()
                                                .put("schedule", name)
                                                .put("at", at.get().toString())
                                                .put(
                                                        "person",
                                                        s.get().holder(at.get()).orElse(null)));
                            }
                        })
                .onFailure(ctx::fail);
    }

    /** The {@code at} parameter (an ISO instant), now when absent; a bad one answers 400. */
    private Optional<Instant> instant(RoutingContext ctx) {
        String at = ctx.request().getParam("at");
        if (at == null || at.isBlank()) {
            return Optional.of(parts.clock().instant());
        }
        try {
            return Optional.of(Instant.parse(at.strip()));
        } catch (DateTimeParseException e) {
            ctx.fail(
                    new ConsoleException.BadRequest(
                            at + ": at is an instant like 2026-10-25T03:00:00Z"));
            return Optional.empty();
        }
    }
}

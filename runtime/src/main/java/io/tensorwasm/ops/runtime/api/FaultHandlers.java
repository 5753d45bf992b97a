package io.tensorwasm.ops.runtime.api;

import io.tensorwasm.ops.runtime.fault.FaultInjector;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /admin/faults}: read, set and clear the faults in force. Mounted only when fault injection
 * is enabled, and for admins only; docs/API.md describes it.
 */
final class FaultHandlers {

    private final FaultInjector faults;

    FaultHandlers(FaultInjector faults) {
        this.faults = faults;
    }

    void show(RoutingContext ctx) {
        admin(ctx);
        FunctionHandlers.json(ctx, 200, state());
    }

    void set(RoutingContext ctx) {
        admin(ctx);
        Object rate = FunctionHandlers.jsonBody(ctx).getValue("invoke_error_rate");
        if (!(rate instanceof Number number)) {
            throw new BadRequestException(
                    (rate == null ? "missing" : rate.toString())
                            + ": \"invoke_error_rate\" must be a number from 0 to 1");
        }
        try {
            faults.invokeErrorRate(number.doubleValue());
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        ctx.put(FunctionHandlers.AUDIT_EXTRA, state());
        FunctionHandlers.json(ctx, 200, state());
    }

    void clear(RoutingContext ctx) {
        admin(ctx);
        faults.invokeErrorRate(0);
        ctx.response().setStatusCode(204).end();
    }

    private JsonObject state() {
        return new JsonObject().put("invoke_error_rate", faults.invokeErrorRate());
    }

    private static void admin(RoutingContext ctx) {
        Caller caller = ctx.get(FunctionHandlers.CALLER);
        if (!caller.admin()) {
            throw new ForbiddenException(
                    "tenant " + caller.tenant() + ": only an admin may read or set faults");
        }
    }
}

package io.tensorwasm.ops.web.auth;

import io.tensorwasm.ops.oncall.access.Principal;
import io.tensorwasm.ops.oncall.access.Role;
import io.tensorwasm.ops.web.failure.ConsoleException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** A route guard: lets the request through when the caller's role includes the required one. */
public final class RequireRole implements Handler<RoutingContext> {

    private final Role required;
    private final String action;

    private RequireRole(Role required, String action) {
        this.required = required;
        this.action = action;
    }

    /** Requires a role for an action named in words, e.g. {@code "start a run"}. */
    public static RequireRole of(Role required, String action) {
        return new RequireRole(required, action);
    }

    @Override
    public void handle(RoutingContext ctx) {
        Principal principal = Authentication.principal(ctx);
        if (principal.role().includes(required)) {
            ctx.next();
            return;
        }
        ctx.fail(
                403,
                new ConsoleException.Forbidden(
                        principal.name()
                                + " signed in as "
                                + principal.role().label()
                                + "; to "
                                + action
                                + " you need the "
                                + required.label()
                                + " role or above. Ask an admin for a token with that role."));
    }
}

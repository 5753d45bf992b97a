package io.tensorwasm.ops.web.incidents;

import io.tensorwasm.ops.engine.model.GuardrailException;
import io.tensorwasm.ops.oncall.access.Principal;
import io.tensorwasm.ops.oncall.access.Role;
import io.tensorwasm.ops.web.auth.Authentication;
import io.tensorwasm.ops.web.auth.RequireRole;
import io.tensorwasm.ops.web.page.MessagePage;
import io.tensorwasm.ops.web.page.Pages;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runs people start from an incident's page (issue #17): {@code POST /incidents/{id}/run}
 * (operator) starts an interactive run of its runbook that joins its timeline, and {@code POST
 * /incidents/{id}/override} (approver, with a reason) runs its automatic remediation past the
 * cooldown, recorded on the timeline and in the log. Both open the run's execution page.
 */
final class IncidentRunRoutes {

    private static final Logger logger = LoggerFactory.getLogger(IncidentRunRoutes.class);

    private final Vertx vertx;
    private final Pages pages;
    private final IncidentRoutes.Parts parts;

    IncidentRunRoutes(Vertx vertx, Pages pages, IncidentRoutes.Parts parts) {
        this.vertx = vertx;
        this.pages = pages;
        this.parts = parts;
    }

    void mount(Router router) {
        router.post("/incidents/:id/run")
                .handler(RequireRole.of(Role.OPERATOR, "start a run for an incident"))
                .handler(this::interactive);
        router.post("/incidents/:id/override")
                .handler(RequireRole.of(Role.APPROVER, "override a cooldown"))
                .handler(this::override);
    }

    private void interactive(RoutingContext ctx) {
        long id = IncidentRoutes.id(ctx);
        Principal who = Authentication.principal(ctx);
        if (id > 0) {
            start(ctx, id, "start_incident_run", () -> parts.runs().interactive(id, who.name()));
        }
    }

    private void override(RoutingContext ctx) {
        long id = IncidentRoutes.id(ctx);
        Principal who = Authentication.principal(ctx);
        String reason = ctx.request().getFormAttribute("reason");
        if (id > 0) {
            start(
                    ctx,
                    id,
                    "override_cooldown",
                    () -> parts.runs().overrideCooldown(id, who.name(), reason));
        }
    }

    private void start(RoutingContext ctx, long incident, String action, Callable<Long> run) {
        vertx.executeBlocking(run, false)
                .onSuccess(
                        execution -> {
                            logger.info(
                                    "action={} incident={} execution={} by={}",
                                    action,
                                    incident,
                                    execution,
                                    Authentication.principal(ctx).tokenId());
                            ctx.response()
                                    .setStatusCode(303)
                                    .putHeader("Location", "/executions/" + execution)
                                    .end();
                        })
                .onFailure(
                        failure -> {
                            if (failure instanceof GuardrailException
                                    || failure instanceof IllegalArgumentException) {
                                pages.respond(
                                        ctx,
                                        409,
                                        "message",
                                        new MessagePage("Run not started", failure.getMessage()));
                            } else {
                                ctx.fail(failure);
                            }
                        });
    }
}

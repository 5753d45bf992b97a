package io.tensorwasm.ops.web.runbooks;

import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.oncall.access.Principal;
import io.tensorwasm.ops.oncall.access.Role;
import io.tensorwasm.ops.oncall.catalogue.RunbookLibrary;
import io.tensorwasm.ops.oncall.remediation.Promotions;
import io.tensorwasm.ops.oncall.remediation.ShadowRecord;
import io.tensorwasm.ops.web.auth.Authentication;
import io.tensorwasm.ops.web.auth.RequireRole;
import io.tensorwasm.ops.web.page.MessagePage;
import io.tensorwasm.ops.web.page.Pages;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A runbook's shadow record (issue #19): {@code /runbooks/{id}/shadow} lists its alert-triggered
 * shadow runs and whether it may be promoted; {@code POST /runbooks/{id}/promote} (approver, CSRF)
 * promotes it from shadow to auto, which oncall's {@link Promotions} refuses until enough shadow
 * runs in a row ended clean, and records.
 */
public final class ShadowRoutes {

    private static final Logger logger = LoggerFactory.getLogger(ShadowRoutes.class);

    private final Vertx vertx;
    private final Pages pages;
    private final RunbookLibrary library;
    private final Promotions promotions;

    /** Routes over the catalogue's shadow runbooks. */
    public ShadowRoutes(Vertx vertx, Pages pages, RunbookLibrary library, Promotions promotions) {
        this.vertx = vertx;
        this.pages = pages;
        this.library = library;
        this.promotions = promotions;
    }

    /** Adds the routes; they expect a signed-in user. */
    public void mount(Router router) {
        router.get("/runbooks/:id/shadow").handler(this::show);
        router.post("/runbooks/:id/promote")
                .handler(RequireRole.of(Role.APPROVER, "promote a runbook to auto"))
                .handler(this::promote);
    }

    /**
     * The page.
     *
     * @param record the shadow record
     * @param automation what the page says: shadow, or another policy
     * @param canPromote true when the viewer is an approver
     */
    public record ShadowPage(ShadowRecord record, String automation, boolean canPromote) {}

    private void show(RoutingContext ctx) {
        Runbook runbook = library.runbook(ctx.pathParam("id")).orElse(null);
        if (runbook == null) {
            ctx.fail(404);
            return;
        }
        Principal viewer = Authentication.principal(ctx);
        vertx.executeBlocking(() -> promotions.record(runbook), false)
                .onSuccess(
                        record ->
                                pages.respond(
                                        ctx,
                                        "shadow",
                                        new ShadowPage(
                                                record,
                                                runbook.metadata().automation().word(),
                                                viewer.role().includes(Role.APPROVER))))
                .onFailure(ctx::fail);
    }

    private void promote(RoutingContext ctx) {
        Runbook runbook = library.runbook(ctx.pathParam("id")).orElse(null);
        if (runbook == null) {
            ctx.fail(404);
            return;
        }
        Principal who = Authentication.principal(ctx);
        String reason = ctx.request().getFormAttribute("reason");
        vertx.executeBlocking(() -> promotions.promote(runbook, who.name(), reason), false)
                .onSuccess(
                        promotion -> {
                            logger.info(
                                    "action=promote runbook={} by={}", runbook.id(), who.tokenId());
                            ctx.response()
                                    .setStatusCode(303)
                                    .putHeader("Location", "/runbooks/" + runbook.id() + "/shadow")
                                    .end();
                        })
                .onFailure(
                        failure -> {
                            if (failure instanceof IllegalStateException
                                    || failure instanceof IllegalArgumentException) {
                                pages.respond(
                                        ctx,
                                        409,
                                        "message",
                                        new MessagePage("Not promoted", failure.getMessage()));
                            } else {
                                ctx.fail(failure);
                            }
                        });
    }
}

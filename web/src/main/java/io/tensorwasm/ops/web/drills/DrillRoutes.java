package io.tensorwasm.ops.web.drills;

import io.tensorwasm.ops.drills.Drills;
import io.tensorwasm.ops.oncall.access.Principal;
import io.tensorwasm.ops.oncall.access.Role;
import io.tensorwasm.ops.oncall.paging.TestPages;
import io.tensorwasm.ops.web.auth.Authentication;
import io.tensorwasm.ops.web.auth.RequireRole;
import io.tensorwasm.ops.web.failure.ConsoleException;
import io.tensorwasm.ops.web.page.Pages;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /drills}: the readiness drills, run-now ({@code POST /drills/NAME/run}) and the test page
 * acknowledgement ({@code POST /drills/pages/ID/ack}). Forms from the page carry the CSRF token and
 * get the page back; a caller with a bearer token gets JSON. Database work runs on worker threads.
 */
public final class DrillRoutes {

    private static final Logger logger = LoggerFactory.getLogger(DrillRoutes.class);
    private static final Pattern REQUEST_ID = Pattern.compile("[0-9a-f-]{36}");
    private static final int HISTORY = 50;

    private final Vertx vertx;
    private final Drills drills;
    private final Pages pages;

    /** The routes over their parts. */
    public DrillRoutes(Vertx vertx, Drills drills, Pages pages) {
        this.vertx = vertx;
        this.drills = drills;
        this.pages = pages;
    }

    /** Mounts the routes. */
    public void mount(Router router) {
        RequireRole operator =
                RequireRole.of(Role.OPERATOR, "run a drill or acknowledge a test page");
        router.get("/drills").handler(this::show);
        router.post("/drills/pages/:id/ack").handler(operator).handler(this::acknowledge);
        router.post("/drills/:name/run").handler(operator).handler(this::runNow);
    }

    private void show(RoutingContext ctx) {
        String requested = ctx.request().getParam("requested");
        String notice =
                requested != null && REQUEST_ID.matcher(requested).matches()
                        ? "Run-now request "
                                + requested
                                + " is queued; its run appears below once a node picks it up."
                        : "";
        render(ctx, notice);
    }

    private void render(RoutingContext ctx, String notice) {
        vertx.executeBlocking(
                        () ->
                                DrillsPage.of(
                                        drills.schedule(),
                                        drills.openTestPages(),
                                        drills.recent(HISTORY),
                                        notice,
                                        drills.node()),
                        false)
                .onSuccess(page -> pages.respond(ctx, "drills", page))
                .onFailure(ctx::fail);
    }

    private void runNow(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        Principal by = Authentication.principal(ctx);
        vertx.executeBlocking(() -> drills.runNow(name), false)
                .onSuccess(
                        id -> {
                            logger.info(
                                    "action=drill_run_now drill={} request={} by={}",
                                    name,
                                    id,
                                    by.tokenId());
                            if (Authentication.hasBearer(ctx)) {
                                ctx.response().setStatusCode(202);
                                ctx.json(
                                        new JsonObject()
                                                .put("drill", name)
                                                .put("request", id)
                                                .put("fire_key", "manual:" + id));
                            } else {
                                ctx.response()
                                        .setStatusCode(303)
                                        .putHeader("Location", "/drills?requested=" + id)
                                        .end();
                            }
                        })
                .onFailure(e -> refuse(ctx, e));
    }

    private void acknowledge(RoutingContext ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            ctx.fail(404);
            return;
        }
        String by = Authentication.principal(ctx).name();
        vertx.executeBlocking(() -> drills.acknowledge(id, by), false)
                .onSuccess(ack -> acknowledged(ctx, id, ack))
                .onFailure(ctx::fail);
    }

    private void acknowledged(RoutingContext ctx, long id, TestPages.Acknowledgement ack) {
        logger.info("action=test_page_ack page={} accepted={}", id, ack.accepted());
        if (!Authentication.hasBearer(ctx)) {
            render(ctx, ack.message());
            return;
        }
        int status = ack.accepted() ? 200 : ack.message().startsWith("There is no") ? 404 : 409;
        ctx.response().setStatusCode(status);
        ctx.json(
                new JsonObject().put("acknowledged", ack.accepted()).put("message", ack.message()));
    }

    /** An unknown drill is a 404 and a scheduler that cannot take the run a 503 (the table). */
    private static void refuse(RoutingContext ctx, Throwable e) {
        if (e instanceof IllegalArgumentException unknown) {
            ctx.fail(new ConsoleException.NotFound(unknown.getMessage()));
        } else if (e instanceof IllegalStateException down) {
            ctx.fail(new ConsoleException.Unavailable(down.getMessage(), down));
        } else {
            ctx.fail(e);
        }
    }
}

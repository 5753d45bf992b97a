package io.tensorwasm.ops.web.runs;

import io.tensorwasm.ops.engine.exec.Resumption;
import io.tensorwasm.ops.engine.model.RunbookException;
import io.tensorwasm.ops.engine.store.ExecutionStore;
import io.tensorwasm.ops.oncall.access.Principal;
import io.tensorwasm.ops.oncall.access.Role;
import io.tensorwasm.ops.oncall.catalogue.RunbookLibrary;
import io.tensorwasm.ops.oncall.remediation.Resumptions;
import io.tensorwasm.ops.oncall.run.ExecutionVersion;
import io.tensorwasm.ops.web.auth.Authentication;
import io.tensorwasm.ops.web.auth.RequireRole;
import io.tensorwasm.ops.web.page.MessagePage;
import io.tensorwasm.ops.web.page.Pages;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs you can trust and continue (issue #19): {@code /executions/{id}/version} shows the text the
 * run pinned, its diff against the page now, its inputs and its chain; {@code POST
 * /executions/{id}/resume} (operator, CSRF) starts its continuation. The work is oncall's.
 */
public final class ContinuationRoutes {

    private static final Logger logger = LoggerFactory.getLogger(ContinuationRoutes.class);

    private final Vertx vertx;
    private final Pages pages;
    private final RunbookLibrary library;
    private final ExecutionStore store;
    private final Resumptions resumptions;

    /** Routes over the store and the console's resumptions. */
    public ContinuationRoutes(
            Vertx vertx,
            Pages pages,
            RunbookLibrary library,
            ExecutionStore store,
            Resumptions resumptions) {
        this.vertx = vertx;
        this.pages = pages;
        this.library = library;
        this.store = store;
        this.resumptions = resumptions;
    }

    /** Adds the routes; they expect a signed-in user. */
    public void mount(Router router) {
        router.get("/executions/:id/version").handler(this::version);
        router.post("/executions/:id/resume")
                .handler(RequireRole.of(Role.OPERATOR, "resume a run"))
                .handler(this::resume);
    }

    private void version(RoutingContext ctx) {
        long id = ExecutionRoutes.executionId(ctx);
        if (id < 0) {
            return;
        }
        pages.respondFound(
                ctx,
                "version",
                vertx.executeBlocking(() -> ExecutionVersion.of(store, library, id), false));
    }

    private void resume(RoutingContext ctx) {
        long id = ExecutionRoutes.executionId(ctx);
        if (id < 0) {
            return;
        }
        Principal who = Authentication.principal(ctx);
        String from = ctx.request().getFormAttribute("from");
        OptionalInt step;
        try {
            step =
                    from == null || from.isBlank()
                            ? OptionalInt.empty()
                            : OptionalInt.of(Integer.parseInt(from.strip()));
        } catch (NumberFormatException e) {
            message(ctx, 400, "Run not resumed", "\"" + from + "\" is no step number.");
            return;
        }
        Resumption.Ask ask =
                new Resumption.Ask(
                        id,
                        step,
                        who.name(),
                        ctx.request().getFormAttribute("reason"),
                        "current".equals(ctx.request().getFormAttribute("version")));
        vertx.executeBlocking(() -> resumptions.resume(ask), false)
                .onSuccess(
                        next -> {
                            logger.info(
                                    "action=resume execution={} continuation={} from={} version={}"
                                            + " by={}",
                                    id,
                                    next,
                                    step.isPresent() ? step.getAsInt() : "stopped",
                                    ask.currentVersion() ? "current" : "pinned",
                                    who.tokenId());
                            ctx.response()
                                    .setStatusCode(303)
                                    .putHeader("Location", "/executions/" + next)
                                    .end();
                        })
                .onFailure(
                        failure -> {
                            if (failure instanceof IllegalArgumentException
                                    || failure instanceof IllegalStateException
                                    || failure instanceof RunbookException) {
                                message(ctx, 409, "Run not resumed", failure.getMessage());
                            } else {
                                ctx.fail(failure);
                            }
                        });
    }

    private void message(RoutingContext ctx, int status, String title, String text) {
        pages.respond(ctx, status, "message", new MessagePage(title, text));
    }
}

package io.tensorwasm.ops.web.runs;

import io.tensorwasm.ops.engine.model.GuardrailException;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.oncall.access.Principal;
import io.tensorwasm.ops.oncall.access.Role;
import io.tensorwasm.ops.oncall.catalogue.LibraryEntry;
import io.tensorwasm.ops.oncall.catalogue.RunbookLibrary;
import io.tensorwasm.ops.oncall.incident.Incident;
import io.tensorwasm.ops.oncall.run.LiveRuns;
import io.tensorwasm.ops.oncall.run.RuntimeUse;
import io.tensorwasm.ops.oncall.view.AttachPage;
import io.tensorwasm.ops.web.auth.Authentication;
import io.tensorwasm.ops.web.auth.RequireRole;
import io.tensorwasm.ops.web.page.MessagePage;
import io.tensorwasm.ops.web.page.Pages;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starting runs from a runbook's page: {@code POST /runbooks/{id}/dry-run} and {@code
 * /runbooks/{id}/run} (operator). A run started while the runtime is down first says which steps
 * need it; one started while the runbook has an open incident first asks whether it works that
 * incident, and when it does, it joins the incident's timeline (issue #17).
 */
final class RunStartRoutes {

    private static final Logger logger = LoggerFactory.getLogger(RunStartRoutes.class);

    private final Vertx vertx;
    private final Pages pages;
    private final RunbookLibrary library;
    private final LiveRuns runs;
    private final ExecutionRoutes.Setting setting;

    RunStartRoutes(
            Vertx vertx,
            Pages pages,
            RunbookLibrary library,
            LiveRuns runs,
            ExecutionRoutes.Setting setting) {
        this.vertx = vertx;
        this.pages = pages;
        this.library = library;
        this.runs = runs;
        this.setting = setting;
    }

    void mount(Router router) {
        RequireRole startDryRun = RequireRole.of(Role.OPERATOR, "start a dry run");
        RequireRole startRun = RequireRole.of(Role.OPERATOR, "start a run");
        router.post("/runbooks/:id/dry-run").handler(startDryRun).handler(this::dryRun);
        router.post("/runbooks/:id/run").handler(startRun).handler(this::interactive);
    }

    private LibraryEntry runnable(RoutingContext ctx) {
        LibraryEntry entry = library.entry(ctx.pathParam("id")).orElse(null);
        if (entry == null) {
            ctx.fail(404);
            return null;
        }
        if (!entry.runnable()) {
            message(
                    ctx,
                    409,
                    "Cannot run " + entry.id(),
                    entry.file()
                            + " has "
                            + entry.problems().size()
                            + (entry.problems().size() == 1 ? " lint problem" : " lint problems")
                            + ", so the engine will not run it. The runbook page lists them.");
            return null;
        }
        return entry;
    }

    private void dryRun(RoutingContext ctx) {
        LibraryEntry entry = runnable(ctx);
        if (entry == null) {
            return;
        }
        Principal who = Authentication.principal(ctx);
        vertx.executeBlocking(() -> runs.dryRun(entry.runbook().orElseThrow(), who.name()), false)
                .onSuccess(
                        id -> {
                            logger.info(
                                    "action=dry_run runbook={} execution={} by={}",
                                    entry.id(),
                                    id,
                                    who.tokenId());
                            see(ctx, id);
                        })
                .onFailure(ctx::fail);
    }

    private void interactive(RoutingContext ctx) {
        LibraryEntry entry = runnable(ctx);
        if (entry == null) {
            return;
        }
        Runbook runbook = entry.runbook().orElseThrow();
        if (!"yes".equals(ctx.request().getFormAttribute("anyway"))
                && setting.runtimeDown().getAsBoolean()) {
            var down = RuntimeUse.warning(runbook, setting.runtime(), setting.prometheus());
            if (down.isPresent()) {
                pages.respond(ctx, 409, "runtime-down", down.get());
                return;
            }
        }
        Principal who = Authentication.principal(ctx);
        String attach = ctx.request().getFormAttribute("incident");
        boolean anyway = "yes".equals(ctx.request().getFormAttribute("anyway"));
        MultiMap form = ctx.request().formAttributes();
        vertx.executeBlocking(() -> start(runbook, who, attach, anyway, form), false)
                .onSuccess(
                        started -> {
                            if (started.question() != null) {
                                pages.respond(ctx, "attach-run", started.question());
                            } else {
                                started(ctx, runbook, who, started.execution());
                            }
                        })
                .onFailure(
                        failure -> {
                            if (failure instanceof GuardrailException
                                    || failure instanceof IllegalArgumentException) {
                                message(ctx, 409, "Run not started", failure.getMessage());
                            } else {
                                ctx.fail(failure);
                            }
                        });
    }

    /** An execution started, or the question whether it should attach to an open incident. */
    private record Started(long execution, AttachPage question) {}

    /**
     * Starts the run; when the runbook has an open incident and the form has not said whether to
     * attach to it, asks instead (issue #17). Blocks on the database.
     */
    private Started start(
            Runbook runbook, Principal who, String attach, boolean anyway, MultiMap form) {
        ExecutionRoutes.Incidents incidents = setting.incidents();
        if (attach == null) {
            List<Incident> open = incidents.store().openFor(runbook.id());
            if (!open.isEmpty()) {
                return new Started(0, AttachPage.of(runbook, open, anyway));
            }
        }
        if (attach != null && attach.matches("[0-9]+")) {
            long incident = Long.parseLong(attach);
            return new Started(incidents.runs().interactive(incident, who.name()), null);
        }
        // The values the form gave the runbook's vars (issue #21: a fleet member, for one).
        return new Started(runs.interactive(runbook, who.name(), n -> form.get("var." + n)), null);
    }

    private void started(RoutingContext ctx, Runbook runbook, Principal who, long id) {
        logger.info(
                "action=start_run runbook={} execution={} by={}", runbook.id(), id, who.tokenId());
        see(ctx, id);
    }

    private void message(RoutingContext ctx, int status, String title, String text) {
        pages.respond(ctx, status, "message", new MessagePage(title, text));
    }

    private static void see(RoutingContext ctx, long id) {
        ctx.response().setStatusCode(303).putHeader("Location", "/executions/" + id).end();
    }
}

package io.tensorwasm.ops.web.incidents;

import io.tensorwasm.ops.engine.model.Texts;
import io.tensorwasm.ops.engine.store.ExecutionStore;
import io.tensorwasm.ops.engine.store.KillSwitch;
import io.tensorwasm.ops.oncall.access.Principal;
import io.tensorwasm.ops.oncall.access.Role;
import io.tensorwasm.ops.oncall.catalogue.RunbookLibrary;
import io.tensorwasm.ops.oncall.desk.AlertDesk;
import io.tensorwasm.ops.oncall.incident.Incident;
import io.tensorwasm.ops.oncall.incident.IncidentStore;
import io.tensorwasm.ops.oncall.incident.TimelineEvent;
import io.tensorwasm.ops.oncall.paging.Paging;
import io.tensorwasm.ops.oncall.remediation.IncidentRuns;
import io.tensorwasm.ops.oncall.remediation.RemediationStore;
import io.tensorwasm.ops.oncall.view.IncidentPage;
import io.tensorwasm.ops.oncall.view.IncidentView;
import io.tensorwasm.ops.web.auth.Authentication;
import io.tensorwasm.ops.web.auth.RequireRole;
import io.tensorwasm.ops.web.auth.Streams;
import io.tensorwasm.ops.web.failure.ConsoleException;
import io.tensorwasm.ops.web.page.LiveStream;
import io.tensorwasm.ops.web.page.Pages;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /incidents} and {@code /incidents/{id}}: the list, the kill switch, and one incident's
 * timeline with its forms (acknowledge, handoff summary, defer, resolve; operator, CSRF-checked),
 * the runs people start for it ({@link IncidentRunRoutes}) and its stream of changes; {@code
 * /api/incidents...} for scripts with a bearer token, including {@code POST
 * /api/incidents/{id}/ack}; {@code POST /admin/kill-switch} (admin), the same switch as {@code
 * twops runbook kill-switch}. Every database call runs on a worker thread.
 */
public final class IncidentRoutes {

    private static final Logger logger = LoggerFactory.getLogger(IncidentRoutes.class);
    private static final int LIST_LIMIT = 200;

    private final Vertx vertx;
    private final Pages pages;
    private final IncidentStore incidents;
    private final AlertDesk desk;
    private final RemediationStore remediations;
    private final ExecutionStore executions;
    private final Parts parts;
    private final Clock clock;

    /**
     * What the incident pages read and act through.
     *
     * @param incidents incidents and their timelines, to read
     * @param desk acknowledge, hand off, defer, resolve
     * @param remediations where each incident's remediation stands
     * @param executions the execution store, for the kill switch
     * @param paging who is paged now and what comes next
     * @param runs the runs people start for incidents
     * @param library the runbooks, to know which the engine runs
     * @param streams the places the pages' event streams hold
     * @param clock the clock
     */
    public record Parts(
            IncidentStore incidents,
            AlertDesk desk,
            RemediationStore remediations,
            ExecutionStore executions,
            Paging paging,
            IncidentRuns runs,
            RunbookLibrary library,
            Streams streams,
            Clock clock) {}

    /** The routes over their parts. */
    public IncidentRoutes(Vertx vertx, Pages pages, Parts parts) {
        this.vertx = vertx;
        this.pages = pages;
        this.incidents = parts.incidents();
        this.desk = parts.desk();
        this.remediations = parts.remediations();
        this.executions = parts.executions();
        this.parts = parts;
        this.clock = parts.clock();
    }

    /** Mounts the routes behind sign-in. */
    public void mount(Router router) {
        RequireRole operator = RequireRole.of(Role.OPERATOR, "act on an incident");
        router.get("/incidents").handler(this::list);
        router.get("/incidents/:id").handler(this::show);
        router.get("/incidents/:id/events").handler(this::events);
        new IncidentRunRoutes(vertx, pages, parts).mount(router);
        router.post("/incidents/:id/ack").handler(operator).handler(ctx -> act(ctx, Act.ACK));
        router.post("/incidents/:id/handoff")
                .handler(operator)
                .handler(ctx -> act(ctx, Act.HANDOFF));
        router.post("/incidents/:id/defer").handler(operator).handler(ctx -> act(ctx, Act.DEFER));
        router.post("/incidents/:id/resolve")
                .handler(operator)
                .handler(ctx -> act(ctx, Act.RESOLVE));
        router.post("/admin/kill-switch")
                .handler(RequireRole.of(Role.ADMIN, "flip the kill switch"))
                .handler(this::killSwitch);
        router.get("/api/incidents").handler(this::listJson);
        router.get("/api/incidents/:id").handler(this::showJson);
        router.post("/api/incidents/:id/ack").handler(this::ackJson);
    }

    private void list(RoutingContext ctx) {
        blocking(
                ctx,
                () ->
                        new IncidentsPage(
                                incidents.recent(LIST_LIMIT).stream().map(this::row).toList(),
                                killSwitchView(executions.killSwitch())),
                page -> pages.respond(ctx, "incidents", page));
    }

    private void show(RoutingContext ctx) {
        long id = id(ctx);
        if (id < 0) {
            return;
        }
        Principal viewer = Authentication.principal(ctx);
        blocking(
                ctx,
                () -> incidents.find(id).map(i -> page(i, viewer)),
                page -> {
                    if (page.isEmpty()) {
                        ctx.fail(noSuchIncident(id));
                    } else {
                        pages.respond(ctx, "incident", page.get());
                    }
                });
    }

    private void act(RoutingContext ctx, Act act) {
        long id = id(ctx);
        if (id < 0) {
            return;
        }
        String by = Authentication.principal(ctx).name();
        String text = ctx.request().getFormAttribute(act.field);
        vertx.executeBlocking(() -> act.apply(desk, id, by, text), false)
                .onSuccess(
                        done -> {
                            if (done.isEmpty()) {
                                ctx.fail(noSuchIncident(id));
                                return;
                            }
                            logger.info(
                                    "action=incident_{} incident={} by={}",
                                    act.name().toLowerCase(Locale.ROOT),
                                    id,
                                    Authentication.principal(ctx).tokenId());
                            ctx.response()
                                    .setStatusCode(303)
                                    .putHeader("Location", "/incidents/" + id)
                                    .end();
                        })
                .onFailure(ctx::fail);
    }

    private void killSwitch(RoutingContext ctx) {
        Principal who = Authentication.principal(ctx);
        String action = String.valueOf(ctx.request().getFormAttribute("action"));
        String reason = ctx.request().getFormAttribute("reason");
        if (action.equals("engage") && (reason == null || reason.isBlank())) {
            ctx.fail(
                    new ConsoleException.BadRequest(
                            "empty: engaging the kill switch needs a reason; it goes into the"
                                    + " record and into every refused run"));
            return;
        }
        if (!action.equals("engage") && !action.equals("release")) {
            ctx.fail(
                    new ConsoleException.BadRequest(
                            "action=" + action + ": the kill switch is engaged or released"));
            return;
        }
        vertx.executeBlocking(
                        () -> {
                            if (action.equals("engage")) {
                                executions.engageKillSwitch(
                                        who.name(), reason.strip(), clock.instant());
                            } else {
                                executions.releaseKillSwitch(who.name(), clock.instant());
                            }
                            return action;
                        },
                        false)
                .onSuccess(
                        done -> {
                            logger.warn("action=kill_switch_{} by={}", done, who.tokenId());
                            ctx.response()
                                    .setStatusCode(303)
                                    .putHeader("Location", "/incidents")
                                    .end();
                        })
                .onFailure(ctx::fail);
    }

    private void listJson(RoutingContext ctx) {
        blocking(
                ctx,
                () -> {
                    JsonArray all = new JsonArray();
                    incidents.recent(LIST_LIMIT).forEach(i -> all.add(json(i)));
                    return new JsonObject()
                            .put("incidents", all)
                            .put("kill_switch", executions.killSwitch().engaged());
                },
                ctx::json);
    }

    private void showJson(RoutingContext ctx) {
        long id = id(ctx);
        if (id < 0) {
            return;
        }
        blocking(
                ctx,
                () -> incidents.find(id).map(this::detailJson),
                found -> found.ifPresentOrElse(ctx::json, () -> ctx.fail(noSuchIncident(id))));
    }

    private void ackJson(RoutingContext ctx) {
        long id = id(ctx);
        if (id < 0) {
            return;
        }
        Principal who = Authentication.principal(ctx);
        if (!who.role().includes(Role.OPERATOR)) {
            ctx.fail(
                    new ConsoleException.Forbidden(
                            who.name()
                                    + " holds the "
                                    + who.role().label()
                                    + " role; acknowledging needs operator or above"));
            return;
        }
        blocking(
                ctx,
                () -> desk.acknowledge(id, who.name()),
                found ->
                        found.ifPresentOrElse(
                                incident ->
                                        ctx.json(
                                                new JsonObject()
                                                        .put("id", id)
                                                        .put("status", incident.status().label())
                                                        .put("acknowledged_by", who.name())),
                                () -> ctx.fail(noSuchIncident(id))));
    }

    private IncidentsPage.Row row(Incident i) {
        return new IncidentsPage.Row(
                i.id(),
                Texts.utc(i.openedAt()),
                i.severity().label(),
                i.title(),
                i.status().label());
    }

    private IncidentPage page(Incident i, Principal viewer) {
        return IncidentView.read(
                new IncidentView.Sources(incidents, remediations, parts.paging(), parts.library()),
                i,
                viewer,
                clock.instant());
    }

    /** Tells the open page when the incident changed, so it refreshes itself. */
    private void events(RoutingContext ctx) {
        long id = id(ctx);
        if (id < 0) {
            return;
        }
        LiveStream.serve(ctx, vertx, () -> incidents.version(id), parts.streams());
    }

    private static JsonObject json(Incident i) {
        JsonObject o =
                new JsonObject()
                        .put("id", i.id())
                        .put("key", i.dedupKey())
                        .put("title", i.title())
                        .put("severity", i.severity().label())
                        .put("status", i.status().label())
                        .put("host", i.host())
                        .put("opened_at", i.openedAt().toString());
        i.alertName().ifPresent(a -> o.put("alert", a));
        i.runbookId().ifPresent(r -> o.put("runbook", r));
        i.closedAt().ifPresent(c -> o.put("closed_at", c.toString()));
        return o;
    }

    private JsonObject detailJson(Incident i) {
        JsonArray timeline = new JsonArray();
        for (TimelineEvent e : incidents.timeline(i.id())) {
            timeline.add(
                    new JsonObject()
                            .put("at", e.at().toString())
                            .put("kind", e.kind().name().toLowerCase(Locale.ROOT))
                            .put("text", e.text()));
        }
        JsonObject detail = json(i).put("timeline", timeline);
        remediations
                .find(i.id())
                .ifPresent(
                        r -> {
                            JsonObject remediation =
                                    new JsonObject()
                                            .put("policy", r.policy().word())
                                            .put("state", r.state().word());
                            r.executionId().ifPresent(x -> remediation.put("execution", x));
                            detail.put("remediation", remediation);
                        });
        return detail;
    }

    private static IncidentsPage.KillSwitchView killSwitchView(KillSwitch k) {
        String since = k.changedAt().map(t -> " at " + Texts.utc(t)).orElse("");
        if (k.engaged()) {
            return new IncidentsPage.KillSwitchView(
                    true,
                    "Engaged by "
                            + k.changedBy()
                            + since
                            + ": "
                            + k.reason()
                            + ". Alerts open incidents and page, but no runbook runs by itself.");
        }
        return new IncidentsPage.KillSwitchView(
                false,
                "Released"
                        + (k.changedBy().isEmpty() ? "" : " by " + k.changedBy() + since)
                        + ": runbooks with automation auto run when their alert fires.");
    }

    private <T> void blocking(
            RoutingContext ctx, Callable<T> work, java.util.function.Consumer<T> then) {
        vertx.executeBlocking(work, false).onSuccess(then::accept).onFailure(ctx::fail);
    }

    private static ConsoleException noSuchIncident(long id) {
        return new ConsoleException.NotFound(id + ": no such incident");
    }

    /** The incident id of the path, or -1 once the request has failed with a 404. */
    static long id(RoutingContext ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException ignored) {
            ctx.fail(new ConsoleException.NotFound(ctx.pathParam("id") + ": no such incident"));
            return -1;
        }
    }

    /** The four things a person does to an incident, each with its form field. */
    private enum Act {
        ACK(""),
        HANDOFF("summary"),
        DEFER("reason"),
        RESOLVE("note");

        private final String field;

        Act(String field) {
            this.field = field;
        }

        Optional<Incident> apply(AlertDesk desk, long id, String by, String text) {
            return switch (this) {
                case ACK -> desk.acknowledge(id, by);
                case HANDOFF -> desk.handoff(id, by, text);
                case DEFER -> desk.defer(id, by, text);
                case RESOLVE -> desk.resolve(id, by, text);
            };
        }
    }
}

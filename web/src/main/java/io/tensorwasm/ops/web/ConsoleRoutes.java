package io.tensorwasm.ops.web;

import io.tensorwasm.ops.oncall.OnCall;
import io.tensorwasm.ops.oncall.catalogue.GrafanaLinks;
import io.tensorwasm.ops.oncall.report.ResponseReport;
import io.tensorwasm.ops.oncall.run.HistoryView;
import io.tensorwasm.ops.oncall.schedule.CalendarFeeds;
import io.tensorwasm.ops.oncall.view.RunIncidents;
import io.tensorwasm.ops.web.auth.Authentication;
import io.tensorwasm.ops.web.auth.SecurityHeaders;
import io.tensorwasm.ops.web.auth.Streams;
import io.tensorwasm.ops.web.drills.DrillRoutes;
import io.tensorwasm.ops.web.health.HealthSnapshot;
import io.tensorwasm.ops.web.home.HomeRoutes;
import io.tensorwasm.ops.web.incidents.ExportRoutes;
import io.tensorwasm.ops.web.incidents.IncidentRoutes;
import io.tensorwasm.ops.web.incidents.WebhookRoutes;
import io.tensorwasm.ops.web.page.FailureHandler;
import io.tensorwasm.ops.web.page.Pages;
import io.tensorwasm.ops.web.reports.ReportRoutes;
import io.tensorwasm.ops.web.runbooks.RunbookRoutes;
import io.tensorwasm.ops.web.runbooks.ShadowRoutes;
import io.tensorwasm.ops.web.runs.ContinuationRoutes;
import io.tensorwasm.ops.web.runs.ExecutionRoutes;
import io.tensorwasm.ops.web.runs.HistoryRoutes;
import io.tensorwasm.ops.web.schedules.ScheduleRoutes;
import io.tensorwasm.ops.web.signin.LoginRoutes;
import io.tensorwasm.ops.web.slack.SlackRoutes;
import io.tensorwasm.ops.web.tokens.TokenRoutes;
import io.vertx.core.Vertx;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CSRFHandler;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.sstore.LocalSessionStore;
import java.time.Duration;

/**
 * The console's routes, used by {@code ConsoleVerticle} and by tests alike.
 *
 * <pre>{@code
 * Harness.serve(vertx -> ConsoleRoutes.create(vertx, parts), (port, client) -> ...);
 * }</pre>
 */
public final class ConsoleRoutes {

    private static final long BODY_LIMIT_BYTES = 64 * 1024;
    private static final int MAX_DELIVERIES_IN_FLIGHT = 16;
    private static final int STREAMS_PER_TOKEN = 4;
    private static final int STREAMS = 64;

    private ConsoleRoutes() {}

    /** Builds the router. */
    public static Router create(Vertx vertx, ConsoleParts parts) {
        Pages pages = Pages.create(vertx);
        Router router = Router.router(vertx);
        router.route().handler(new SecurityHeaders());
        router.get("/static/*").handler(StaticHandler.create("webroot").setMaxAgeSeconds(300));
        router.get("/healthz").handler(ctx -> ctx.json(new JsonObject().put("status", "ok")));
        // Alertmanager has no session and no CSRF token; its route checks its own bearer token.
        new WebhookRoutes(
                        vertx,
                        parts.webhookToken(),
                        parts.onCall().intake(),
                        MAX_DELIVERIES_IN_FLIGHT)
                .mount(router);
        // Slack signs its clicks and calendar apps carry the feed's token: neither has a session.
        new SlackRoutes(vertx, ConsoleSlack.clicks(parts)).mount(router);
        ScheduleRoutes schedules = new ScheduleRoutes(vertx, pages, schedules(parts));
        schedules.mountFeeds(router);
        Authentication authentication =
                new Authentication(
                        vertx, parts.tokens(), parts.config().sessionLifetime(), parts.clock());
        guard(vertx, router, parts, authentication);
        new LoginRoutes(vertx, parts.tokens(), authentication, pages).mount(router);
        router.route().handler(authentication::require);
        pages(vertx, router, parts, pages);
        schedules.mount(router);
        new ReportRoutes(
                        vertx,
                        pages,
                        new ResponseReport(parts.database().dataSource()),
                        parts.clock())
                .mount(router);
        router.route().last().handler(ctx -> ctx.fail(404));
        router.route().failureHandler(new FailureHandler(pages));
        return router;
    }

    /**
     * Body limit, a bearer header checked before anything else (only a valid one skips the CSRF
     * check), sessions, CSRF for every other form, the runtime flag. The body handler comes first:
     * Vert.x reads no body after an asynchronous handler.
     */
    private static void guard(
            Vertx vertx, Router router, ConsoleParts parts, Authentication authentication) {
        router.route().handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES));
        router.route().handler(authentication::bearer);
        router.route()
                .handler(
                        SessionHandler.create(LocalSessionStore.create(vertx))
                                .setSessionCookieName("twops.session")
                                .setCookieHttpOnlyFlag(true)
                                .setCookieSameSite(CookieSameSite.STRICT)
                                .setCookieSecureFlag(parts.config().cookiesSecure())
                                .setSessionTimeout(parts.config().sessionIdle().toMillis()));
        CSRFHandler csrf =
                CSRFHandler.create(vertx, parts.csrfSecret())
                        .setCookieSecure(parts.config().cookiesSecure())
                        .setNagHttps(false);
        router.route()
                .handler(
                        ctx -> {
                            if (Authentication.hasBearer(ctx)) {
                                ctx.next();
                            } else {
                                csrf.handle(ctx);
                            }
                        });
        router.route()
                .handler(
                        ctx -> {
                            ctx.put(Pages.RUNTIME_DOWN, runtimeDown(parts));
                            ctx.next();
                        });
    }

    /** The pages behind sign-in: each feature gets the parts it uses, and no other. */
    private static void pages(Vertx vertx, Router router, ConsoleParts parts, Pages pages) {
        OnCall onCall = parts.onCall();
        // One set of places for every event stream: a run's, and the pages that refresh themselves.
        Streams streams =
                new Streams(
                        vertx, parts.tokens(), STREAMS_PER_TOKEN, STREAMS, Duration.ofSeconds(2));
        RunIncidents labels = new RunIncidents(onCall.incidents(), onCall.remediations());
        new HomeRoutes(
                        vertx,
                        pages,
                        new HomeRoutes.Parts(
                                parts.library(),
                                parts.alerts(),
                                parts.health(),
                                onCall.incidents(),
                                streams))
                .mount(router);
        new RunbookRoutes(
                        pages,
                        parts.library(),
                        parts.liveValues(),
                        new GrafanaLinks(parts.config().grafanaUrl()),
                        parts.clock())
                .mount(router);
        new ExecutionRoutes(
                        vertx,
                        pages,
                        parts.library(),
                        onCall.runs(),
                        new ExecutionRoutes.Setting(
                                parts.config().runtimeUrl(),
                                parts.config().prometheusUrl().isPresent(),
                                () -> runtimeDown(parts),
                                parts.clock(),
                                streams,
                                new ExecutionRoutes.Incidents(
                                        labels, onCall.incidents(), onCall.incidentRuns())))
                .mount(router);
        new HistoryRoutes(
                        vertx,
                        pages,
                        new HistoryView.Sources(
                                onCall.runs().store(), parts.library(), labels, parts.clock()))
                .mount(router);
        new ContinuationRoutes(
                        vertx, pages, parts.library(), onCall.runs().store(), onCall.resumptions())
                .mount(router);
        new ShadowRoutes(vertx, pages, parts.library(), onCall.promotions()).mount(router);
        new ExportRoutes(vertx, onCall.export()).mount(router);
        new IncidentRoutes(
                        vertx,
                        pages,
                        new IncidentRoutes.Parts(
                                onCall.incidents(),
                                onCall.desk(),
                                onCall.remediations(),
                                onCall.runs().store(),
                                onCall.paging(),
                                onCall.incidentRuns(),
                                parts.library(),
                                streams,
                                parts.clock()))
                .mount(router);
        new DrillRoutes(vertx, parts.drills(), pages).mount(router);
        new TokenRoutes(vertx, parts.tokens(), pages).mount(router);
    }

    private static ScheduleRoutes.Parts schedules(ConsoleParts parts) {
        return new ScheduleRoutes.Parts(
                parts.onCall().schedules(),
                parts.onCall().policies(),
                new CalendarFeeds(parts.database().dataSource(), parts.clock()),
                parts.config().publicUrl(),
                parts.clock());
    }

    private static boolean runtimeDown(ConsoleParts parts) {
        return parts.health().snapshot().runtime().state() == HealthSnapshot.State.DOWN;
    }
}

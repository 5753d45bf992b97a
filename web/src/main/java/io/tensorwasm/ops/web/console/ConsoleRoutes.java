package io.tensorwasm.ops.web.console;

import io.tensorwasm.ops.web.auth.Authentication;
import io.tensorwasm.ops.web.auth.SecurityHeaders;
import io.tensorwasm.ops.web.execution.ExecutionRoutes;
import io.tensorwasm.ops.web.execution.HistoryRoutes;
import io.tensorwasm.ops.web.runbook.RunbookRoutes;
import io.vertx.core.Vertx;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CSRFHandler;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.sstore.LocalSessionStore;

/**
 * The console's routes, used by {@code ConsoleVerticle} and by tests alike.
 *
 * <pre>{@code
 * Harness.serve(vertx -> ConsoleRoutes.create(vertx, services), (port, client) -> ...);
 * }</pre>
 */
public final class ConsoleRoutes {

    /** Routing-context key: true when the runtime failed its last health probe. */
    static final String RUNTIME_DOWN = "twops.runtimeDown";

    private static final long BODY_LIMIT_BYTES = 64 * 1024;

    private ConsoleRoutes() {}

    /** Builds the router. */
    public static Router create(Vertx vertx, ConsoleServices services) {
        Pages pages = Pages.create(vertx);
        Router router = Router.router(vertx);
        router.route().handler(new SecurityHeaders());
        router.get("/static/*").handler(StaticHandler.create("webroot").setMaxAgeSeconds(300));
        router.get("/healthz").handler(ctx -> ctx.json(new JsonObject().put("status", "ok")));
        // Alertmanager has no session and no CSRF token; its route checks its own bearer token.
        services.response().webhook(vertx).mount(router);
        guard(vertx, router, services);
        new LoginRoutes(vertx, services.tokens(), pages).mount(router);
        Authentication authentication = new Authentication(vertx, services.tokens());
        router.route().handler(authentication::require);
        pages(vertx, router, services, pages);
        Failures failures = new Failures(pages);
        router.route().last().handler(ctx -> ctx.fail(404));
        router.route().failureHandler(failures::handle);
        return router;
    }

    /** Body limit, sessions, CSRF for every form without a bearer token, the runtime flag. */
    private static void guard(Vertx vertx, Router router, ConsoleServices services) {
        router.route().handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES));
        router.route()
                .handler(
                        SessionHandler.create(LocalSessionStore.create(vertx))
                                .setSessionCookieName("twops.session")
                                .setCookieHttpOnlyFlag(true)
                                .setCookieSameSite(CookieSameSite.STRICT)
                                .setCookieSecureFlag(services.config().secureCookies())
                                .setSessionTimeout(services.config().sessionIdle().toMillis()));
        CSRFHandler csrf =
                CSRFHandler.create(vertx, services.csrfSecret())
                        .setCookieSecure(services.config().secureCookies())
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
                            ctx.put(RUNTIME_DOWN, runtimeDown(services));
                            ctx.next();
                        });
    }

    /** The pages behind sign-in. */
    private static void pages(Vertx vertx, Router router, ConsoleServices services, Pages pages) {
        new HomeRoutes(pages, services).mount(router);
        new RunbookRoutes(
                        pages,
                        services.library(),
                        services.liveValues(),
                        services.grafana(),
                        services.clock())
                .mount(router);
        new ExecutionRoutes(
                        vertx,
                        pages,
                        services.library(),
                        services.runs(),
                        new ExecutionRoutes.Setting(
                                services.config().runtimeUrl(),
                                services.config().prometheusUrl().isPresent(),
                                () -> runtimeDown(services),
                                services.clock()))
                .mount(router);
        new HistoryRoutes(
                        vertx, pages, services.library(), services.runs().store(), services.clock())
                .mount(router);
        new IncidentRoutes(vertx, pages, services).mount(router);
        new DrillRoutes(vertx, services.drills(), pages).mount(router);
        new TokenRoutes(vertx, services.tokens(), pages).mount(router);
    }

    private static boolean runtimeDown(ConsoleServices services) {
        return services.health().snapshot().runtime().state() == HealthSnapshot.State.DOWN;
    }
}

package io.tensorwasm.ops.web.console;

import io.tensorwasm.ops.web.auth.Authentication;
import io.tensorwasm.ops.web.auth.SecurityHeaders;
import io.vertx.core.Vertx;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CSRFHandler;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.sstore.LocalSessionStore;
import java.util.List;

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
                            ctx.put(
                                    RUNTIME_DOWN,
                                    services.health().snapshot().runtime().state()
                                            == HealthSnapshot.State.DOWN);
                            ctx.next();
                        });

        new LoginRoutes(vertx, services.tokens(), pages).mount(router);

        Authentication authentication = new Authentication(vertx, services.tokens());
        router.route().handler(authentication::require);
        router.get("/")
                .handler(
                        ctx ->
                                pages.respond(
                                        ctx,
                                        "home",
                                        new HomePage(
                                                List.of(),
                                                services.health().snapshot(),
                                                List.of())));
        router.get("/incidents")
                .handler(ctx -> pages.respond(ctx, "incidents", new IncidentsPage(List.of())));
        router.get("/drills")
                .handler(ctx -> pages.respond(ctx, "drills", new DrillsPage(List.of())));
        new TokenRoutes(vertx, services.tokens(), pages).mount(router);

        Failures failures = new Failures(pages);
        router.route().last().handler(ctx -> ctx.fail(404));
        router.route().failureHandler(failures::handle);
        return router;
    }
}

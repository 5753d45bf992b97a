package io.tensorwasm.ops.runtime.api;

import io.tensorwasm.ops.runtime.metrics.RuntimeMetrics;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.PlatformHandler;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The TensorWasm HTTP API: {@link InvokeRoute} for {@code /functions/{id}/invoke}, the route that
 * carries load, and a router for every other route. {@link RuntimeVerticle} serves it and tests
 * serve the same handler through the test kit's harness. docs/API.md describes every route.
 *
 * <pre>{@code
 * Harness.serve(vertx -> RuntimeRoutes.create(vertx, services), (port, client) -> {
 *     assertThat(client.get("/healthz").body()).isEqualTo("{\"status\":\"ok\"}");
 * });
 * }</pre>
 */
public final class RuntimeRoutes {

    private static final String UNMATCHED = "unmatched";
    private static final String HEALTHY = new JsonObject().put("status", "ok").encode();

    private final Vertx vertx;
    private final RuntimeServices services;
    private final Router router;
    private final FunctionHandlers functions;
    private final BackupHandler backups;
    private final BodyHandler body;
    private final Authenticator authenticator;
    private final RateLimit rateLimit;
    private final FailureHandler failures;
    private final Map<HttpMethod, RuntimeMetrics.HttpSeries> unmatched = new ConcurrentHashMap<>();

    private RuntimeRoutes(Vertx vertx, RuntimeServices services) {
        this.vertx = vertx;
        this.services = services;
        this.router = Router.router(vertx);
        this.functions = new FunctionHandlers(services);
        this.backups = new BackupHandler(services);
        this.body = BodyHandler.create(false).setBodyLimit(services.config().maxBodyBytes());
        this.authenticator = new Authenticator(services);
        this.rateLimit = new RateLimit(services);
        this.failures = new FailureHandler(services.config().maxBodyBytes());
    }

    /** The handler of every request, over the services. */
    public static Handler<HttpServerRequest> create(Vertx vertx, RuntimeServices services) {
        return new RuntimeRoutes(vertx, services).build();
    }

    private Handler<HttpServerRequest> build() {
        InvokeRoute invoke =
                new InvokeRoute(vertx, services, functions, authenticator, rateLimit, failures);
        open(
                HttpMethod.GET,
                "/healthz",
                ctx -> ctx.response().putHeader("Content-Type", "application/json").end(HEALTHY));
        open(
                HttpMethod.GET,
                "/metrics",
                ctx ->
                        ctx.response()
                                .putHeader("Content-Type", RuntimeMetrics.contentType())
                                .end(Buffer.buffer(services.metrics().scrape())));
        read(HttpMethod.GET, "/functions", functions::list);
        read(HttpMethod.GET, "/functions/:id", functions::get);
        read(HttpMethod.GET, "/jobs/:id", functions::job);
        write(HttpMethod.POST, "/functions", "function.create", functions::create);
        write(HttpMethod.DELETE, "/functions/:id", "function.delete", functions::delete);
        write(
                HttpMethod.POST,
                "/functions/:id/invoke-async",
                "function.invoke-async",
                functions::invokeAsync);
        write(HttpMethod.POST, "/admin/backup", "registry.backup", backups::backup);
        if (services.faults().enabled()) {
            FaultHandlers faults = new FaultHandlers(services.faults());
            read(HttpMethod.GET, "/admin/faults", faults::show);
            write(HttpMethod.POST, "/admin/faults", "fault.set", faults::set);
            write(HttpMethod.DELETE, "/admin/faults", "fault.clear", faults::clear);
        }
        router.route().failureHandler(failures);
        for (int status : new int[] {404, 405}) {
            router.errorHandler(
                    status,
                    ctx ->
                            failures.answerStatus(
                                    ctx.request(),
                                    RequestTrace.begin(
                                            ctx,
                                            UNMATCHED,
                                            services.tracing(),
                                            unmatched(ctx.request().method())),
                                    status));
        }
        // The router knows the invoke path too, so it answers another method on it 405 as on any
        // path; a POST it would match is InvokeRoute's, ahead of it (issue #22).
        router.route(HttpMethod.POST, "/functions/:id/invoke")
                .handler(ctx -> invoke.handle(ctx.request(), ctx.pathParam("id")));
        return request -> {
            String functionId =
                    request.method() == HttpMethod.POST ? InvokeRoute.functionId(request) : null;
            if (functionId == null) {
                router.handle(request);
            } else {
                invoke.handle(request, functionId);
            }
        };
    }

    private void open(HttpMethod method, String path, Handler<RoutingContext> handler) {
        route(method, path).handler(handler);
    }

    private void read(HttpMethod method, String path, Handler<RoutingContext> handler) {
        route(method, path).handler(authenticator.guard(null)).handler(handler);
    }

    /**
     * A state-changing route: authenticated and audited (when it has an action), rate limited, and
     * only then is the body read. Vert.x orders handlers by kind (platform, security policy, body,
     * user), so the guards are security-policy handlers.
     */
    private void write(
            HttpMethod method, String path, String auditAction, Handler<RoutingContext> handler) {
        Route route = route(method, path).handler(authenticator.guard(auditAction));
        if (rateLimit.on()) {
            // Off, it would only pass every request on: no handler at all (issue #22).
            route.handler(rateLimit.guard());
        }
        route.handler(body).handler(handler);
    }

    /**
     * The route, whose first handler names the route on the context and begins the request's trace,
     * which measures it: its series are looked up once, here, rather than at every request.
     */
    private Route route(HttpMethod method, String path) {
        String template = path.replaceAll(":([a-z]+)", "{$1}");
        RuntimeMetrics.HttpSeries series = services.metrics().httpSeries(template, method.name());
        PlatformHandler tag =
                ctx -> {
                    RequestTrace.begin(ctx, template, services.tracing(), series);
                    ctx.next();
                };
        return router.route(method, path).handler(tag);
    }

    private RuntimeMetrics.HttpSeries unmatched(HttpMethod method) {
        return unmatched.computeIfAbsent(
                method, m -> services.metrics().httpSeries(UNMATCHED, m.name()));
    }
}

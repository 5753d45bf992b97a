package io.tensorwasm.ops.runtime.api;

import io.tensorwasm.ops.runtime.metrics.RuntimeMetrics;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.PlatformHandler;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The TensorWasm HTTP API as a router; {@link RuntimeVerticle} serves it and tests serve the same
 * router through the test kit's harness. docs/API.md describes every route.
 *
 * <pre>{@code
 * Harness.serve(vertx -> RuntimeRoutes.create(vertx, services), (port, client) -> {
 *     assertThat(client.get("/healthz").body()).isEqualTo("{\"status\":\"ok\"}");
 * });
 * }</pre>
 */
public final class RuntimeRoutes {

    static final String ROUTE = "tensor-wasm.route";
    private static final String HEALTHY = new JsonObject().put("status", "ok").encode();

    private final RuntimeServices services;
    private final Router router;
    private final FunctionHandlers functions;
    private final BackupHandler backups;
    private final BodyHandler body;
    private final RequestTrace trace;
    private final Map<HttpMethod, RuntimeMetrics.HttpSeries> unmatched = new ConcurrentHashMap<>();

    private RuntimeRoutes(Vertx vertx, RuntimeServices services) {
        this.services = services;
        this.router = Router.router(vertx);
        this.functions = new FunctionHandlers(services);
        this.backups = new BackupHandler(services);
        this.body = BodyHandler.create(false).setBodyLimit(services.config().maxBodyBytes());
        this.trace = new RequestTrace(services.tracing());
    }

    /** Builds the router over the services. */
    public static Router create(Vertx vertx, RuntimeServices services) {
        return new RuntimeRoutes(vertx, services).build();
    }

    private Router build() {
        // The invoke route first: routes are tried in order, and it is the one that carries load.
        write(HttpMethod.POST, "/functions/:id/invoke", null, functions::invoke);
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
        FailureHandler failures = new FailureHandler(services.config().maxBodyBytes());
        router.route().failureHandler(failures);
        for (int status : new int[] {404, 405}) {
            router.errorHandler(
                    status,
                    ctx -> {
                        trace.begin(
                                ctx,
                                unmatched.computeIfAbsent(ctx.request().method(), this::series));
                        failures.answerStatus(ctx, status);
                    });
        }
        return router;
    }

    private void open(HttpMethod method, String path, Handler<RoutingContext> handler) {
        route(method, path).handler(handler);
    }

    private void read(HttpMethod method, String path, Handler<RoutingContext> handler) {
        route(method, path).handler(new Authenticator(services, null)).handler(handler);
    }

    /**
     * A state-changing route: authenticated and audited (when it has an action), rate limited, and
     * only then is the body read. Vert.x orders handlers by kind (platform, security policy, body,
     * user), so the guards are security-policy handlers.
     */
    private void write(
            HttpMethod method, String path, String auditAction, Handler<RoutingContext> handler) {
        Route route = route(method, path).handler(new Authenticator(services, auditAction));
        if (services.rateLimiter().on()) {
            // Off, it would only pass every request on: no handler at all (issue #22).
            route.handler(new RateLimit(services));
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
                    ctx.put(ROUTE, template);
                    trace.begin(ctx, series);
                    ctx.next();
                };
        return router.route(method, path).handler(tag);
    }

    private RuntimeMetrics.HttpSeries series(HttpMethod method) {
        return services.metrics().httpSeries("unmatched", method.name());
    }
}

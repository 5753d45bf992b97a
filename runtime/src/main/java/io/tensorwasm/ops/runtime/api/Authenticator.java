package io.tensorwasm.ops.runtime.api;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Admits a request with a known bearer token, or any request in dev mode, and puts its {@link
 * Caller} on the context; a refusal is audited as {@code auth.failure}.
 */
final class Authenticator implements Handler<RoutingContext> {

    private static final String BEARER = "Bearer ";

    private final RuntimeServices services;

    Authenticator(RuntimeServices services) {
        this.services = services;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        String token =
                header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                        ? header.substring(BEARER.length()).strip()
                        : "";
        String tokenId = token.isEmpty() ? null : services.tokenIds().of(token);
        if (services.tokens().devMode()) {
            ctx.put(FunctionHandlers.CALLER, new Caller("dev", tokenId, "dev"));
            ctx.next();
            return;
        }
        Optional<String> tenant =
                token.isEmpty() ? Optional.empty() : services.tokens().tenantOf(token);
        if (tenant.isEmpty()) {
            services.audit()
                    .record(
                            "auth.failure",
                            ctx.pathParam("id"),
                            "unauthorized",
                            401,
                            new Caller("unknown", tokenId, "none"),
                            new JsonObject()
                                    .put("method", ctx.request().method().name())
                                    .put("route", ctx.<String>get(RuntimeRoutes.ROUTE)));
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            ctx.fail(
                    new UnauthorizedException(
                            token.isEmpty()
                                    ? "no bearer token: send Authorization: Bearer TOKEN"
                                    : "bearer token not recognised"));
            return;
        }
        String t = tenant.get();
        ctx.put(
                FunctionHandlers.CALLER,
                new Caller(t, tokenId, Caller.ADMIN.equals(t) ? "admin" : "tenant"));
        ctx.next();
    }
}

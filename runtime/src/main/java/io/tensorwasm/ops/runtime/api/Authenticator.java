package io.tensorwasm.ops.runtime.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.SecurityPolicyHandler;
import java.util.Optional;

/**
 * Admits a request with a known bearer token, or any request in dev mode, and puts its {@link
 * Caller} on the context; a refusal is audited as {@code auth.failure}, and an address that keeps
 * being refused is answered 429. On a state-changing route it also writes the route's audit record
 * once the response has ended, whatever its status.
 */
final class Authenticator implements SecurityPolicyHandler {

    private static final String BEARER = "Bearer ";

    private final RuntimeServices services;
    private final String auditAction;

    /** Guards a route; a non-null action is audited under that name. */
    Authenticator(RuntimeServices services, String auditAction) {
        this.services = services;
        this.auditAction = auditAction;
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
            admit(ctx, new Caller("dev", tokenId, "dev"));
            return;
        }
        Optional<String> tenant =
                token.isEmpty() ? Optional.empty() : services.tokens().tenantOf(token);
        if (tenant.isEmpty()) {
            refuse(ctx, token.isEmpty(), tokenId);
            return;
        }
        String t = tenant.get();
        admit(ctx, new Caller(t, tokenId, Caller.ADMIN.equals(t) ? "admin" : "tenant"));
    }

    /**
     * Answers 401, or 429 once the remote address has spent its bucket of refusals (issue #16), and
     * audits it through the bounded {@link RefusalAudit}.
     */
    private void refuse(RoutingContext ctx, boolean noToken, String tokenId) {
        String address =
                ctx.request().remoteAddress() == null
                        ? "unknown"
                        : ctx.request().remoteAddress().hostAddress();
        long wait = services.authFailureLimiter().acquire(address);
        JsonObject where =
                new JsonObject()
                        .put("method", ctx.request().method().name())
                        .put("route", ctx.<String>get(RuntimeRoutes.ROUTE))
                        .put("remote_address", address);
        services.refusals()
                .refused(
                        address,
                        new AuditRecord(
                                "auth.failure",
                                ctx.pathParam("id"),
                                wait > 0 ? "rate_limited" : "unauthorized",
                                wait > 0 ? 429 : 401,
                                new Caller("unknown", tokenId, "none"),
                                where,
                                RequestTrace.of(ctx)));
        if (wait > 0) {
            ctx.fail(overLimit(address, wait));
            return;
        }
        ctx.response().putHeader("WWW-Authenticate", "Bearer");
        ctx.fail(
                new UnauthorizedException(
                        noToken
                                ? "no bearer token: send Authorization: Bearer TOKEN"
                                : "bearer token not recognised"));
    }

    private RateLimitedException overLimit(String address, long wait) {
        return new RateLimitedException(
                address
                        + ": over the rate limit of "
                        + services.config().authFailureRateLimitPerSecond()
                        + " refused requests per second from one address (burst "
                        + services.config().authFailureRateLimitBurst()
                        + "); retry in "
                        + wait
                        + " s",
                wait);
    }

    private void admit(RoutingContext ctx, Caller caller) {
        ctx.put(FunctionHandlers.CALLER, caller);
        if (auditAction != null) {
            ctx.addEndHandler(done -> audit(ctx, caller));
        }
        ctx.next();
    }

    private void audit(RoutingContext ctx, Caller caller) {
        int status = ctx.response().getStatusCode();
        String functionId =
                Optional.ofNullable(ctx.<String>get(FunctionHandlers.FUNCTION_ID))
                        .orElse(ctx.pathParam("id"));
        String outcome =
                status < 400
                        ? "success"
                        : Optional.ofNullable(ctx.<String>get(FailureHandler.ERROR_CODE))
                                .orElse("error");
        services.audit()
                .record(
                        new AuditRecord(
                                auditAction,
                                functionId,
                                outcome,
                                status,
                                caller,
                                ctx.get(FunctionHandlers.AUDIT_EXTRA),
                                RequestTrace.of(ctx)));
    }
}

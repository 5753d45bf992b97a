package io.tensorwasm.ops.runtime.api;

import io.tensorwasm.ops.runtime.function.FunctionException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.SecurityPolicyHandler;
import java.util.Optional;

/**
 * Admits a request with a known bearer token, or any request in dev mode, as a {@link Caller}; a
 * refusal is audited as {@code auth.failure}, and an address that keeps being refused is answered
 * 429. The one owner of that rule: {@link #guard} applies it to a routed request, {@link
 * InvokeRoute} to the invoke it serves ahead of the router. On a state-changing route the guard
 * also writes the route's audit record once the response has ended, whatever its status.
 */
final class Authenticator {

    private static final String BEARER = "Bearer ";

    private final RuntimeServices services;

    Authenticator(RuntimeServices services) {
        this.services = services;
    }

    /**
     * The request's caller, or, after the refusal is audited, an {@link UnauthorizedException}
     * (with {@code WWW-Authenticate} set on the response) or a {@link RateLimitedException}.
     *
     * @param functionId the function the request names, for the refusal's record, or null
     */
    Caller admit(HttpServerRequest request, RequestTrace trace, String functionId) {
        String header = request.getHeader("Authorization");
        String token =
                header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                        ? header.substring(BEARER.length()).strip()
                        : "";
        String tokenId = token.isEmpty() ? null : services.tokenIds().of(token);
        if (services.tokens().devMode()) {
            return new Caller("dev", tokenId, "dev");
        }
        Optional<String> tenant =
                token.isEmpty() ? Optional.empty() : services.tokens().tenantOf(token);
        if (tenant.isEmpty()) {
            throw refuse(request, trace, functionId, token.isEmpty(), tokenId);
        }
        String t = tenant.get();
        return new Caller(t, tokenId, Caller.ADMIN.equals(t) ? "admin" : "tenant");
    }

    /**
     * A routed request's guard: puts the caller on the context, or fails it. A non-null action is
     * audited under that name.
     */
    SecurityPolicyHandler guard(String auditAction) {
        return ctx -> {
            Caller caller = admit(ctx.request(), RequestTrace.of(ctx), ctx.pathParam("id"));
            ctx.put(FunctionHandlers.CALLER, caller);
            if (auditAction != null) {
                ctx.addEndHandler(done -> audit(ctx, caller, auditAction));
            }
            ctx.next();
        };
    }

    /**
     * Audits the refusal through the bounded {@link RefusalAudit} and returns what to answer: 401,
     * or 429 once the remote address has spent its bucket of refusals (issue #16).
     */
    private FunctionException refuse(
            HttpServerRequest request,
            RequestTrace trace,
            String functionId,
            boolean noToken,
            String tokenId) {
        String address =
                request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        long wait = services.authFailureLimiter().acquire(address);
        JsonObject where =
                new JsonObject()
                        .put("method", request.method().name())
                        .put("route", trace.route())
                        .put("remote_address", address);
        services.refusals()
                .refused(
                        address,
                        new AuditRecord(
                                "auth.failure",
                                functionId,
                                wait > 0 ? "rate_limited" : "unauthorized",
                                wait > 0 ? 429 : 401,
                                new Caller("unknown", tokenId, "none"),
                                where,
                                trace.id()));
        if (wait > 0) {
            return overLimit(address, wait);
        }
        request.response().putHeader("WWW-Authenticate", "Bearer");
        return new UnauthorizedException(
                noToken
                        ? "no bearer token: send Authorization: Bearer TOKEN"
                        : "bearer token not recognised");
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

    private void audit(RoutingContext ctx, Caller caller, String auditAction) {
        int status = ctx.response().getStatusCode();
        RequestTrace trace = RequestTrace.of(ctx);
        String functionId =
                Optional.ofNullable(ctx.<String>get(FunctionHandlers.FUNCTION_ID))
                        .orElse(ctx.pathParam("id"));
        String outcome =
                status < 400 ? "success" : Optional.ofNullable(trace.errorCode()).orElse("error");
        services.audit()
                .record(
                        new AuditRecord(
                                auditAction,
                                functionId,
                                outcome,
                                status,
                                caller,
                                ctx.get(FunctionHandlers.AUDIT_EXTRA),
                                trace.id()));
    }
}

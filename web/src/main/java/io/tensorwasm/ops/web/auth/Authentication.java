package io.tensorwasm.ops.web.auth;

import io.tensorwasm.ops.oncall.access.Principal;
import io.tensorwasm.ops.oncall.access.Role;
import io.tensorwasm.ops.oncall.access.TokenStore;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Finds who is calling: a bearer token for scripts, or a session made by the login form for people.
 * A page request without either is sent to the login form; anything else gets 401.
 */
public final class Authentication {

    /** The routing-context key under which the {@link Principal} is stored. */
    public static final String PRINCIPAL = "twops.principal";

    private static final String SESSION_ID = "principal.id";
    private static final String SESSION_NAME = "principal.name";
    private static final String SESSION_ROLE = "principal.role";
    private static final String SESSION_SINCE = "principal.since";

    private final Vertx vertx;
    private final TokenStore tokens;
    private final Duration lifetime;
    private final Clock clock;

    /**
     * Authentication against the token store; database reads run on worker threads.
     *
     * @param lifetime how long a signed-in session lasts, however busy it is
     */
    public Authentication(Vertx vertx, TokenStore tokens, Duration lifetime, Clock clock) {
        this.vertx = vertx;
        this.tokens = tokens;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** The caller, once {@link #require(RoutingContext)} has let the request through. */
    public static Principal principal(RoutingContext ctx) {
        Principal principal = ctx.get(PRINCIPAL);
        if (principal == null) {
            throw new IllegalStateException(ctx.request().path() + ": no principal on this route");
        }
        return principal;
    }

    /** The caller if one is signed in; for pages that also serve anonymous visitors. */
    public static Optional<Principal> maybePrincipal(RoutingContext ctx) {
        return Optional.ofNullable(ctx.get(PRINCIPAL));
    }

    /**
     * True when the request carried a valid bearer token, which {@link #bearer} checked before
     * anything else: only such a request may skip the CSRF check.
     */
    public static boolean hasBearer(RoutingContext ctx) {
        return ctx.get(BEARER) == Boolean.TRUE;
    }

    private static final String BEARER = "twops.bearer";

    /**
     * Handler, before sessions and CSRF: a request with an {@code Authorization} header is let
     * through only with a valid bearer token, which then stands for the caller; any other header,
     * or a token that is not valid, gets 401 and goes no further (hardening, issue #16).
     */
    public void bearer(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header == null) {
            ctx.next();
            return;
        }
        String token =
                header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : "";
        if (token.isEmpty()) {
            unauthorized(ctx);
            return;
        }
        vertx.executeBlocking(() -> tokens.authenticate(token), false)
                .onSuccess(
                        p ->
                                p.ifPresentOrElse(
                                        principal -> {
                                            ctx.put(BEARER, Boolean.TRUE);
                                            proceed(ctx, principal);
                                        },
                                        () -> unauthorized(ctx)))
                .onFailure(ctx::fail);
    }

    /** Handler: lets the request through with a principal, or answers 401 / redirects to login. */
    public void require(RoutingContext ctx) {
        if (hasBearer(ctx)) {
            ctx.next();
            return;
        }
        Session session = ctx.session();
        String id = session == null ? null : session.get(SESSION_ID);
        if (id == null) {
            refuse(ctx);
            return;
        }
        Long since = session.get(SESSION_SINCE);
        if (since == null || clock.instant().isAfter(Instant.ofEpochMilli(since).plus(lifetime))) {
            // However busy, a session lasts its lifetime; then its person signs in again.
            session.destroy();
            refuse(ctx);
            return;
        }
        Principal principal =
                new Principal(id, session.get(SESSION_NAME), Role.parse(session.get(SESSION_ROLE)));
        vertx.executeBlocking(() -> tokens.active(id), false)
                .onSuccess(
                        active -> {
                            if (active) {
                                proceed(ctx, principal);
                            } else {
                                session.destroy();
                                refuse(ctx);
                            }
                        })
                .onFailure(ctx::fail);
    }

    /** Marks the session as signed in, with a fresh session id against fixation. */
    public void signIn(RoutingContext ctx, Principal principal) {
        Session session = ctx.session();
        session.regenerateId();
        session.put(SESSION_SINCE, clock.millis());
        session.put(SESSION_ID, principal.tokenId());
        session.put(SESSION_NAME, principal.name());
        session.put(SESSION_ROLE, principal.role().label());
    }

    private static void proceed(RoutingContext ctx, Principal principal) {
        ctx.put(PRINCIPAL, principal);
        ctx.next();
    }

    private static void refuse(RoutingContext ctx) {
        String accept = ctx.request().getHeader("Accept");
        boolean page =
                ctx.request().method() == HttpMethod.GET
                        && !hasBearer(ctx)
                        && !ctx.request().path().startsWith("/api/")
                        && (accept == null || !accept.contains("text/event-stream"));
        if (page) {
            String next = URLEncoder.encode(ctx.request().uri(), StandardCharsets.UTF_8);
            ctx.redirect("/login?next=" + next);
        } else {
            unauthorized(ctx);
        }
    }

    private static void unauthorized(RoutingContext ctx) {
        ctx.response()
                .setStatusCode(401)
                .putHeader("WWW-Authenticate", "Bearer realm=\"twops\"")
                .putHeader("Content-Type", "text/plain; charset=utf-8")
                .end(
                        "401 unauthorized: sign in, or send a valid console token as a bearer"
                                + " token\n");
    }
}

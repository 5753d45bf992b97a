package io.tensorwasm.ops.web.auth;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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

    private final Vertx vertx;
    private final TokenStore tokens;

    /** Authentication against the token store; database reads run on worker threads. */
    public Authentication(Vertx vertx, TokenStore tokens) {
        this.vertx = vertx;
        this.tokens = tokens;
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

    /** True when the request carries a bearer token; such requests need no CSRF token. */
    public static boolean hasBearer(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    /** Handler: lets the request through with a principal, or answers 401 / redirects to login. */
    public void require(RoutingContext ctx) {
        if (hasBearer(ctx)) {
            String token = ctx.request().getHeader("Authorization").substring(7).strip();
            vertx.executeBlocking(() -> tokens.authenticate(token), false)
                    .onSuccess(
                            p ->
                                    p.ifPresentOrElse(
                                            principal -> proceed(ctx, principal),
                                            () -> refuse(ctx)))
                    .onFailure(ctx::fail);
            return;
        }
        Session session = ctx.session();
        String id = session == null ? null : session.get(SESSION_ID);
        if (id == null) {
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
    public static void signIn(RoutingContext ctx, Principal principal) {
        Session session = ctx.session();
        session.regenerateId();
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
            ctx.response()
                    .setStatusCode(401)
                    .putHeader("WWW-Authenticate", "Bearer realm=\"twops\"")
                    .putHeader("Content-Type", "text/plain; charset=utf-8")
                    .end(
                            "401 unauthorized: sign in, or send a valid console token as a bearer token\n");
        }
    }
}

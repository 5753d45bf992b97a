package io.tensorwasm.ops.web.tokens;

import io.tensorwasm.ops.oncall.access.Role;
import io.tensorwasm.ops.oncall.access.TokenStore;
import io.tensorwasm.ops.web.auth.Authentication;
import io.tensorwasm.ops.web.auth.RequireRole;
import io.tensorwasm.ops.web.page.Pages;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The admin's token list and revocation. */
public final class TokenRoutes {

    private static final Logger logger = LoggerFactory.getLogger(TokenRoutes.class);

    private final Vertx vertx;
    private final TokenStore tokens;
    private final Pages pages;

    /** The routes over their parts. */
    public TokenRoutes(Vertx vertx, TokenStore tokens, Pages pages) {
        this.vertx = vertx;
        this.tokens = tokens;
        this.pages = pages;
    }

    /** Mounts the routes. */
    public void mount(Router router) {
        RequireRole admin = RequireRole.of(Role.ADMIN, "manage console tokens");
        router.get("/admin/tokens").handler(admin).handler(ctx -> list(ctx, ""));
        router.post("/admin/tokens/:id/revoke").handler(admin).handler(this::revoke);
    }

    private void list(RoutingContext ctx, String notice) {
        vertx.executeBlocking(tokens::list, false)
                .onSuccess(all -> pages.respond(ctx, "tokens", new TokensPage(all, notice)))
                .onFailure(ctx::fail);
    }

    private void revoke(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        vertx.executeBlocking(() -> tokens.revoke(id), false)
                .onSuccess(
                        revoked -> {
                            logger.info(
                                    "action=revoke_token token_id={} by={} revoked={}",
                                    id,
                                    Authentication.principal(ctx).tokenId(),
                                    revoked);
                            list(
                                    ctx,
                                    revoked
                                            ? "Revoked token " + id + "."
                                            : "Token " + id + " was not active.");
                        })
                .onFailure(ctx::fail);
    }
}

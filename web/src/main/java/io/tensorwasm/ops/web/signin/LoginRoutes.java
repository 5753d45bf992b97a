package io.tensorwasm.ops.web.signin;

import io.tensorwasm.ops.web.auth.Authentication;
import io.tensorwasm.ops.web.auth.TokenStore;
import io.tensorwasm.ops.web.page.Pages;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** The login form and sign-out; a token is checked once and then a session carries the user. */
public final class LoginRoutes {

    private final Vertx vertx;
    private final TokenStore tokens;
    private final Pages pages;

    /** The routes over their parts. */
    public LoginRoutes(Vertx vertx, TokenStore tokens, Pages pages) {
        this.vertx = vertx;
        this.tokens = tokens;
        this.pages = pages;
    }

    /** Mounts the routes. */
    public void mount(Router router) {
        router.get("/login")
                .handler(
                        ctx ->
                                pages.respond(
                                        ctx,
                                        "login",
                                        new LoginPage(
                                                safeNext(ctx.request().getParam("next")), "")));
        router.post("/login").handler(this::signIn);
        router.post("/logout")
                .handler(
                        ctx -> {
                            ctx.session().destroy();
                            ctx.redirect("/login");
                        });
    }

    private void signIn(RoutingContext ctx) {
        String token = ctx.request().getFormAttribute("token");
        String next = safeNext(ctx.request().getFormAttribute("next"));
        vertx.executeBlocking(() -> tokens.authenticate(token == null ? "" : token.strip()), false)
                .onSuccess(
                        principal ->
                                principal.ifPresentOrElse(
                                        p -> {
                                            Authentication.signIn(ctx, p);
                                            ctx.response()
                                                    .setStatusCode(303)
                                                    .putHeader("Location", next)
                                                    .end();
                                        },
                                        () ->
                                                pages.respond(
                                                        ctx,
                                                        401,
                                                        "login",
                                                        new LoginPage(
                                                                next,
                                                                "That token is not valid, or it was revoked."))))
                .onFailure(ctx::fail);
    }

    /** Only a path on this console, never another site: {@code /x} yes, {@code //x} no. */
    static String safeNext(String next) {
        if (next == null
                || !next.startsWith("/")
                || next.startsWith("//")
                || next.startsWith("/\\")) {
            return "/";
        }
        return next;
    }
}

package io.tensorwasm.ops.web.signin;

import io.tensorwasm.ops.oncall.access.TokenStore;
import io.tensorwasm.ops.web.auth.Authentication;
import io.tensorwasm.ops.web.page.Pages;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;

/** The login form and sign-out; a token is checked once and then a session carries the user. */
public final class LoginRoutes {

    /**
     * What a sign-in may send the browser on to: a path of this console in plain characters.
     * Browsers drop tabs and newlines from a URL and read a backslash as a slash, so {@code
     * /\t/evil.example} would leave the console.
     */
    private static final Pattern LOCAL_PATH =
            Pattern.compile("/(?![/\\\\])[A-Za-z0-9/_.~%?=&+,;:@!$'()*-]*");

    private final Vertx vertx;
    private final TokenStore tokens;
    private final Authentication authentication;
    private final Pages pages;

    /** The routes over their parts. */
    public LoginRoutes(Vertx vertx, TokenStore tokens, Authentication authentication, Pages pages) {
        this.vertx = vertx;
        this.tokens = tokens;
        this.authentication = authentication;
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
                                            authentication.signIn(ctx, p);
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

    /**
     * Only a path on this console, never another site: {@code /x} yes; {@code //x}, {@code /\x},
     * and anything with a space, a tab, a newline or another character a browser rewrites, no.
     */
    static String safeNext(String next) {
        if (next == null || !LOCAL_PATH.matcher(next).matches()) {
            return "/";
        }
        return next;
    }
}

package io.tensorwasm.ops.web.auth;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * Headers on every console response: a Content-Security-Policy without inline script, no framing,
 * no MIME sniffing, no referrer, and no caching of pages that may show incident data.
 */
public final class SecurityHeaders implements Handler<RoutingContext> {

    /** The policy: everything from this origin only, never inline script or style. */
    public static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                    + " connect-src 'self'; form-action 'self'; frame-ancestors 'none';"
                    + " base-uri 'none'; object-src 'none'";

    @Override
    public void handle(RoutingContext ctx) {
        MultiMap headers = ctx.response().headers();
        headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
        if (!ctx.request().path().startsWith("/static/")) {
            headers.set("Cache-Control", "no-store");
        }
        ctx.next();
    }
}

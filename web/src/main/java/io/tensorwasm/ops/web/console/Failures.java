package io.tensorwasm.ops.web.console;

import io.tensorwasm.ops.web.auth.ForbiddenException;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's one failure handler: every error becomes a page that says what happened, and
 * unexpected ones are logged with an id the page shows, never with request data.
 */
final class Failures {

    private static final Logger logger = LoggerFactory.getLogger(Failures.class);

    private final Pages pages;

    Failures(Pages pages) {
        this.pages = pages;
    }

    void handle(RoutingContext ctx) {
        if (ctx.response().ended()) {
            return;
        }
        int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
        Throwable failure = ctx.failure();
        MessagePage page;
        if (failure instanceof ForbiddenException forbidden) {
            page = new MessagePage("Not allowed", forbidden.getMessage());
            status = 403;
        } else if (status == 403) {
            page =
                    new MessagePage(
                            "Form expired",
                            "This form expired or did not come from this console (CSRF check failed)."
                                    + " Reload the page and try again.");
        } else if (status == 404) {
            page = new MessagePage("Not found", ctx.request().path() + " is not a console page.");
        } else if (status == 413) {
            page =
                    new MessagePage(
                            "Too large", "The request body is larger than the console accepts.");
        } else if (status < 500) {
            page = new MessagePage("Bad request", "The console could not read that request.");
        } else {
            String id = UUID.randomUUID().toString().substring(0, 8);
            logger.error(
                    "error_id={} method={} path={}",
                    id,
                    ctx.request().method(),
                    ctx.request().path(),
                    failure);
            page =
                    new MessagePage(
                            "Something failed",
                            "The console hit an error (id "
                                    + id
                                    + "); it is in the console's log.");
        }
        pages.respond(ctx, status, "message", page);
    }
}

package io.tensorwasm.ops.web.page;

import io.tensorwasm.ops.web.failure.ConsoleException;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's one error table: every failure of every route, webhook included, becomes one status
 * and either a page that says what happened or the JSON error {@code
 * {"error":{"code":"not_found","message":"..."}}} for scripts ({@code /api/}, {@code /hooks/}, or a
 * bearer token). Failures the table does not know are logged with an id the answer shows, never
 * with request data.
 */
public final class FailureHandler implements Handler<RoutingContext> {

    private static final Logger logger = LoggerFactory.getLogger(FailureHandler.class);

    /**
     * One row of the table.
     *
     * @param status the HTTP status
     * @param code the JSON error's code
     * @param title the page's title
     */
    record Category(int status, String code, String title) {}

    private static final Category BAD_REQUEST = new Category(400, "bad_request", "Not recorded");
    private static final Category UNAUTHORIZED =
            new Category(401, "unauthorized", "Sign-in needed");
    private static final Category FORBIDDEN = new Category(403, "forbidden", "Not allowed");
    private static final Category NOT_FOUND = new Category(404, "not_found", "Not found");
    private static final Category CONFLICT = new Category(409, "conflict", "Not done");
    private static final Category TOO_LARGE = new Category(413, "too_large", "Too large");
    private static final Category TOO_MANY = new Category(429, "too_many", "Too many at once");
    private static final Category UNAVAILABLE =
            new Category(503, "unavailable", "Not available now");
    private static final Category FAILED = new Category(500, "failed", "Something failed");

    private static final Map<Class<? extends ConsoleException>, Category> CATEGORIES =
            Map.of(
                    ConsoleException.BadRequest.class, BAD_REQUEST,
                    ConsoleException.Unauthorized.class, UNAUTHORIZED,
                    ConsoleException.Forbidden.class, FORBIDDEN,
                    ConsoleException.NotFound.class, NOT_FOUND,
                    ConsoleException.Conflict.class, CONFLICT,
                    ConsoleException.TooMany.class, TOO_MANY,
                    ConsoleException.Unavailable.class, UNAVAILABLE);

    private static final List<Category> BY_STATUS =
            List.of(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT, TOO_LARGE);

    private final Pages pages;

    /** Answers failures with the console's pages, or JSON for scripts. */
    public FailureHandler(Pages pages) {
        this.pages = pages;
    }

    /**
     * The category of a failure: a console exception's own; else the status the route or a Vert.x
     * handler failed with (a CSRF refusal is a 403 with the JDK's exception); else the JDK
     * exceptions the modules below the console use for a bad value and for a store that cannot be
     * reached.
     */
    static Category categorize(Throwable failure, int status) {
        if (failure instanceof ConsoleException known) {
            return CATEGORIES.get(known.getClass());
        }
        if (status > 0 && status != 500) {
            return BY_STATUS.stream().filter(c -> c.status() == status).findFirst().orElse(FAILED);
        }
        if (failure instanceof IllegalArgumentException) {
            return BAD_REQUEST;
        }
        return failure instanceof IllegalStateException ? UNAVAILABLE : FAILED;
    }

    /** True when the failure's own message is meant for the caller. */
    private static boolean speaks(Throwable failure, int status) {
        return failure instanceof ConsoleException
                || ((status <= 0 || status == 500)
                        && failure instanceof IllegalArgumentException
                        && failure.getMessage() != null);
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (ctx.response().ended()) {
            return;
        }
        Throwable failure = ctx.failure();
        Category category = categorize(failure, ctx.statusCode());
        String message = message(ctx, category, failure);
        if (json(ctx)) {
            JsonObject error =
                    new JsonObject().put("code", category.code()).put("message", message);
            if (failure instanceof ConsoleException known) {
                known.details().forEach(error::put);
            }
            ctx.response()
                    .setStatusCode(category.status())
                    .putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("error", error).encode());
        } else {
            pages.respond(
                    ctx, category.status(), "message", new MessagePage(category.title(), message));
        }
    }

    private static String message(RoutingContext ctx, Category category, Throwable failure) {
        boolean speaks = speaks(failure, ctx.statusCode());
        if (category.status() >= 500) {
            String id = UUID.randomUUID().toString().substring(0, 8);
            logger.error(
                    "error_id={} method={} path={} status={}",
                    id,
                    ctx.request().method(),
                    ctx.request().path(),
                    category.status(),
                    failure);
            String what = speaks ? failure.getMessage() + " " : "";
            return what + "(error id " + id + "; it is in the console's log)";
        }
        if (speaks) {
            return failure.getMessage();
        }
        return switch (category.status()) {
            case 401 -> "Sign in with a console token.";
            case 403 ->
                    "This form expired or did not come from this console (CSRF check failed)."
                            + " Reload the page and try again.";
            case 404 -> ctx.request().path() + " is not a console page.";
            case 413 -> "The request body is larger than the console accepts.";
            default -> "The console could not read that request.";
        };
    }

    /** Scripts get JSON: the API, the webhooks, and any request with a bearer token. */
    static boolean json(RoutingContext ctx) {
        String path = ctx.request().path();
        String authorization = ctx.request().getHeader("Authorization");
        return path.startsWith("/api/")
                || path.startsWith("/hooks/")
                || (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7));
    }
}

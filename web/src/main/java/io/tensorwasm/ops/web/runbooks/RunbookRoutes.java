package io.tensorwasm.ops.web.runbooks;

import io.tensorwasm.ops.oncall.catalogue.GrafanaLinks;
import io.tensorwasm.ops.oncall.catalogue.LibraryEntry;
import io.tensorwasm.ops.oncall.catalogue.RunbookLibrary;
import io.tensorwasm.ops.web.auth.Authentication;
import io.tensorwasm.ops.web.page.Pages;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code /runbooks}: the catalogue, and one page per runbook. The Markdown was rendered at start; a
 * page waits only for its live values, which come from worker threads with a deadline.
 */
public final class RunbookRoutes {

    private final Pages pages;
    private final RunbookLibrary library;
    private final LiveValues values;
    private final GrafanaLinks grafana;
    private final Clock clock;
    private final Map<String, RunbookMarkdown.Rendered> rendered = new ConcurrentHashMap<>();

    /** Routes over the catalogue. */
    public RunbookRoutes(
            Pages pages,
            RunbookLibrary library,
            LiveValues values,
            GrafanaLinks grafana,
            Clock clock) {
        this.pages = pages;
        this.library = library;
        this.values = values;
        this.grafana = grafana;
        this.clock = clock;
    }

    /** Adds the routes; they expect a signed-in user. */
    public void mount(Router router) {
        router.get("/runbooks")
                .handler(ctx -> pages.respond(ctx, "runbooks", RunbookView.list(library)));
        router.get("/runbooks/:id").handler(this::show);
    }

    private void show(RoutingContext ctx) {
        LibraryEntry entry = library.entry(ctx.pathParam("id")).orElse(null);
        if (entry == null) {
            ctx.fail(404);
            return;
        }
        // Each page is rendered once, on its first view: the catalogue does not change while the
        // console runs.
        RunbookMarkdown.Rendered markdown =
                rendered.computeIfAbsent(entry.id(), id -> RunbookMarkdown.render(entry.text()));
        GrafanaLinks.Range range = range(ctx.request().getParam("since"));
        values.of(markdown.queries())
                .onSuccess(
                        found ->
                                pages.respond(
                                        ctx,
                                        "runbook",
                                        RunbookView.page(
                                                entry,
                                                markdown,
                                                found,
                                                grafana,
                                                range,
                                                values.describe(),
                                                Authentication.principal(ctx))))
                .onFailure(ctx::fail);
    }

    /** The alert's time range when the link carries its start, else the last hour. */
    private GrafanaLinks.Range range(String since) {
        if (since == null || since.isBlank()) {
            return GrafanaLinks.Range.LAST_HOUR;
        }
        try {
            return GrafanaLinks.Range.around(Instant.parse(since), clock.instant());
        } catch (DateTimeParseException ignored) {
            return GrafanaLinks.Range.LAST_HOUR;
        }
    }
}

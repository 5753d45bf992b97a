package io.tensorwasm.ops.web.runs;

import io.tensorwasm.ops.engine.store.HistoryQuery;
import io.tensorwasm.ops.oncall.run.HistoryPage;
import io.tensorwasm.ops.oncall.run.HistoryView;
import io.tensorwasm.ops.web.page.MessagePage;
import io.tensorwasm.ops.web.page.Pages;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /history}: every execution, newest first, filtered and paged as oncall's {@link
 * HistoryView} builds it; each row names the incident its run worked and opens the execution's
 * page, read-only once it ended.
 */
public final class HistoryRoutes {

    private final Vertx vertx;
    private final Pages pages;
    private final HistoryView.Sources sources;

    /** Routes over the store's history. */
    public HistoryRoutes(Vertx vertx, Pages pages, HistoryView.Sources sources) {
        this.vertx = vertx;
        this.pages = pages;
        this.sources = sources;
    }

    /** Adds the route; it expects a signed-in user. */
    public void mount(Router router) {
        router.get("/history").handler(this::show);
    }

    private void show(RoutingContext ctx) {
        HistoryPage.Filter filter;
        HistoryQuery query;
        try {
            filter = HistoryView.filter(ctx.queryParams()::get);
            query = HistoryView.query(filter, ctx.queryParams()::get);
        } catch (IllegalArgumentException e) {
            pages.respond(ctx, 400, "message", new MessagePage("Bad filter", e.getMessage()));
            return;
        }
        vertx.executeBlocking(() -> HistoryView.page(sources, filter, query), false)
                .onSuccess(page -> pages.respond(ctx, "history", page))
                .onFailure(ctx::fail);
    }
}

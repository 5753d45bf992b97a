package io.tensorwasm.ops.web.reports;

import io.tensorwasm.ops.oncall.report.ResponseReport;
import io.tensorwasm.ops.web.page.Pages;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * {@code GET /reports/oncall?days=28&zone=Europe/Berlin}: how fast incidents were acknowledged and
 * resolved, by week, severity and runbook, and who was paged how often out of hours (issue #20).
 */
public final class ReportRoutes {

    private final Vertx vertx;
    private final Pages pages;
    private final ResponseReport report;
    private final Clock clock;

    /** The routes over the incident records. */
    public ReportRoutes(Vertx vertx, Pages pages, ResponseReport report, Clock clock) {
        this.vertx = vertx;
        this.pages = pages;
        this.report = report;
        this.clock = clock;
    }

    /** Mounts the route; any signed-in user reads it. */
    public void mount(Router router) {
        router.get("/reports/oncall").handler(this::show);
    }

    private void show(RoutingContext ctx) {
        int days;
        ZoneId zone;
        try {
            days = Integer.parseInt(ctx.request().getParam("days", "28").strip());
            zone = ZoneId.of(ctx.request().getParam("zone", "UTC").strip());
        } catch (NumberFormatException | DateTimeException e) {
            ctx.fail(400);
            return;
        }
        if (days < 1 || days > 366) {
            ctx.fail(400);
            return;
        }
        Instant to = clock.instant();
        Instant from = to.minus(Duration.ofDays(days));
        vertx.executeBlocking(() -> ReportPage.of(report.of(from, to, zone), days), false)
                .onSuccess(page -> pages.respond(ctx, "oncall-report", page))
                .onFailure(ctx::fail);
    }
}

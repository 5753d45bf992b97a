package io.tensorwasm.ops.web.schedules;

import io.tensorwasm.ops.engine.model.Durations;
import io.tensorwasm.ops.engine.model.Texts;
import io.tensorwasm.ops.oncall.access.Role;
import io.tensorwasm.ops.oncall.schedule.CalendarFeeds;
import io.tensorwasm.ops.oncall.schedule.EscalationPolicy;
import io.tensorwasm.ops.oncall.schedule.Layer;
import io.tensorwasm.ops.oncall.schedule.PolicyStore;
import io.tensorwasm.ops.oncall.schedule.Schedule;
import io.tensorwasm.ops.oncall.schedule.ScheduleOverride;
import io.tensorwasm.ops.oncall.schedule.ScheduleStore;
import io.tensorwasm.ops.oncall.schedule.Shift;
import io.tensorwasm.ops.web.auth.Authentication;
import io.tensorwasm.ops.web.auth.RequireRole;
import io.tensorwasm.ops.web.failure.ConsoleException;
import io.tensorwasm.ops.web.page.MessagePage;
import io.tensorwasm.ops.web.page.Pages;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On-call schedules over HTTP (issue #20): {@code /schedules} (who is on call now, every schedule,
 * the feeds), {@code /schedules/{name}} (the next fourteen days drawn, overrides, swaps), {@code
 * GET /api/oncall?at=T} and {@code /api/schedules/{name}/oncall?at=T} for scripts, and {@code
 * /calendar/{token}.ics}, the feed a calendar app subscribes to without signing in.
 */
public final class ScheduleRoutes {

    private static final Logger logger = LoggerFactory.getLogger(ScheduleRoutes.class);

    private final Vertx vertx;
    private final Pages pages;
    private final Parts parts;

    /**
     * What the routes work with.
     *
     * @param schedules the schedules
     * @param policies the escalation policies; pages go to the default one
     * @param feeds the calendar feeds
     * @param console the console's URL as people reach it, for feed links
     * @param clock the clock
     */
    public record Parts(
            ScheduleStore schedules,
            PolicyStore policies,
            CalendarFeeds feeds,
            URI console,
            Clock clock) {}

    /** The routes over their parts. */
    public ScheduleRoutes(Vertx vertx, Pages pages, Parts parts) {
        this.vertx = vertx;
        this.pages = pages;
        this.parts = parts;
    }

    /** The feed route, which needs no session: call before the console's sign-in. */
    public void mountFeeds(Router router) {
        router.get("/calendar/:file").handler(this::feed);
    }

    /** The pages and the API, behind sign-in. */
    public void mount(Router router) {
        RequireRole operator = RequireRole.of(Role.OPERATOR, "change a schedule");
        router.get("/schedules").handler(ctx -> list(ctx, ""));
        router.get("/schedules/:name").handler(ctx -> show(ctx, ""));
        router.post("/schedules/:name/overrides").handler(operator).handler(this::override);
        router.post("/schedules/:name/swaps").handler(operator).handler(this::swap);
        router.post("/feeds").handler(operator).handler(this::issueFeed);
        router.post("/feeds/:id/revoke").handler(operator).handler(this::revokeFeed);
        OnCallApi api = new OnCallApi(vertx, parts);
        router.get("/api/oncall").handler(api::who);
        router.get("/api/schedules/:name/oncall").handler(api::schedule);
    }

    private void feed(RoutingContext ctx) {
        String file = ctx.pathParam("file");
        if (!file.endsWith(".ics")) {
            ctx.fail(404);
            return;
        }
        String token = file.substring(0, file.length() - 4);
        vertx.executeBlocking(
                        () ->
                                parts.feeds()
                                        .find(token)
                                        .map(f -> parts.feeds().render(f, parts.schedules())),
                        false)
                .onSuccess(
                        ics -> {
                            if (ics.isEmpty()) {
                                ctx.fail(new ConsoleException.NotFound("no such calendar feed"));
                            } else {
                                ctx.response()
                                        .putHeader("Content-Type", "text/calendar; charset=utf-8")
                                        .end(ics.get());
                            }
                        })
                .onFailure(ctx::fail);
    }

    private void list(RoutingContext ctx, String notice) {
        vertx.executeBlocking(() -> listPage(notice), false)
                .onSuccess(page -> pages.respond(ctx, "schedules", page))
                .onFailure(ctx::fail);
    }

    private SchedulesPage listPage(String notice) {
        Instant now = parts.clock().instant();
        Map<String, Schedule> all = parts.schedules().schedules();
        List<SchedulesPage.TierNow> tiers =
                parts.policies().policy(EscalationPolicy.DEFAULT).stream()
                        .flatMap(p -> p.onCall(now, all).stream())
                        .map(
                                t ->
                                        new SchedulesPage.TierNow(
                                                t.tier(),
                                                t.target(),
                                                t.person().orElse("nobody"),
                                                Durations.format(t.ackTimeout())))
                        .toList();
        List<SchedulesPage.Row> rows =
                all.values().stream()
                        .map(
                                s ->
                                        new SchedulesPage.Row(
                                                s.name(),
                                                s.zone().getId(),
                                                s.source(),
                                                s.holder(now).orElse("nobody")))
                        .toList();
        List<SchedulesPage.FeedRow> feeds =
                parts.feeds().list().stream()
                        .map(f -> new SchedulesPage.FeedRow(f.id(), f.subject(), f.createdBy()))
                        .toList();
        return new SchedulesPage(tiers, rows, feeds, notice);
    }

    private void show(RoutingContext ctx, String notice) {
        String name = ctx.pathParam("name");
        vertx.executeBlocking(
                        () -> parts.schedules().schedule(name).map(s -> schedulePage(s, notice)),
                        false)
                .onSuccess(
                        page -> {
                            if (page.isEmpty()) {
                                ctx.fail(404);
                            } else {
                                pages.respond(ctx, "schedule", page.get());
                            }
                        })
                .onFailure(ctx::fail);
    }

    private SchedulePage schedulePage(Schedule s, String notice) {
        Instant now = parts.clock().instant();
        List<Shift> shifts = s.shifts(now, now.plus(ShiftTimeline.SPAN));
        return new SchedulePage(
                s.name(),
                s.zone().getId(),
                s.source(),
                s.holder(now).orElse("nobody"),
                ShiftTimeline.of(shifts, now, s.zone()),
                s.layers().stream().map(Layer::describe).toList(),
                s.overrides().stream().filter(o -> o.to().isAfter(now)).map(s::describe).toList(),
                shifts.stream().map(s::describe).toList(),
                notice);
    }

    private void override(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        String by = Authentication.principal(ctx).name();
        change(
                ctx,
                s -> {
                    ScheduleOverride o =
                            new ScheduleOverride(
                                    at(ctx, "from", s.zone()),
                                    at(ctx, "to", s.zone()),
                                    field(ctx, "person"),
                                    "override by " + by);
                    parts.schedules().addOverrides(name, List.of(o));
                    return o.person()
                            + " covers "
                            + name
                            + " from "
                            + s.local(o.from())
                            + " to "
                            + s.local(o.to())
                            + ".";
                });
    }

    private void swap(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        change(
                ctx,
                s -> {
                    List<ScheduleOverride> pair =
                            s.swap(
                                    field(ctx, "first"),
                                    at(ctx, "first_at", s.zone()),
                                    field(ctx, "second"),
                                    at(ctx, "second_at", s.zone()));
                    parts.schedules().addOverrides(name, pair);
                    return "Swapped: "
                            + pair.get(0).person()
                            + " and "
                            + pair.get(1).person()
                            + " trade their shifts.";
                });
    }

    /** A change to a schedule; a bad form answers 400 with what was wrong (the error table). */
    private void change(RoutingContext ctx, java.util.function.Function<Schedule, String> change) {
        String name = ctx.pathParam("name");
        vertx.executeBlocking(() -> parts.schedules().schedule(name).map(change), false)
                .onSuccess(
                        done -> {
                            if (done.isEmpty()) {
                                ctx.fail(404);
                                return;
                            }
                            logger.info(
                                    "action=schedule_change schedule={} by={}",
                                    name,
                                    Authentication.principal(ctx).tokenId());
                            show(ctx, done.get());
                        })
                .onFailure(ctx::fail);
    }

    private void issueFeed(RoutingContext ctx) {
        Optional<String> schedule = optional(ctx, "schedule");
        Optional<String> person = optional(ctx, "person");
        String by = Authentication.principal(ctx).name();
        vertx.executeBlocking(() -> parts.feeds().issue(schedule, person, by), false)
                .onSuccess(
                        issued -> {
                            String url =
                                    Texts.base(parts.console())
                                            + "/calendar/"
                                            + issued.token()
                                            + ".ics";
                            logger.info(
                                    "action=issue_feed feed={} by={}",
                                    issued.feed().id(),
                                    Authentication.principal(ctx).tokenId());
                            pages.respond(
                                    ctx,
                                    "message",
                                    new MessagePage(
                                            "Calendar feed " + issued.feed().id(),
                                            "Subscribe to "
                                                    + url
                                                    + " in your calendar app. This link is shown once; anyone who has it sees "
                                                    + issued.feed().subject()
                                                    + "'s shifts until the feed is revoked on the Schedules page."));
                        })
                .onFailure(ctx::fail);
    }

    private void revokeFeed(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        vertx.executeBlocking(() -> parts.feeds().revoke(id), false)
                .onSuccess(
                        revoked ->
                                list(
                                        ctx,
                                        revoked
                                                ? "Revoked feed "
                                                        + id
                                                        + "; its link answers 404 from now on."
                                                : "Feed " + id + " was not live."))
                .onFailure(ctx::fail);
    }

    private static String field(RoutingContext ctx, String name) {
        String value = ctx.request().getFormAttribute(name);
        if (value == null || value.isBlank()) {
            throw new ConsoleException.BadRequest("the form has no " + name);
        }
        return value.strip();
    }

    private static Optional<String> optional(RoutingContext ctx, String name) {
        return Optional.ofNullable(ctx.request().getFormAttribute(name))
                .map(String::strip)
                .filter(v -> !v.isEmpty());
    }

    /** A local date-time field, in the schedule's zone. */
    private static Instant at(RoutingContext ctx, String name, ZoneId zone) {
        String value = field(ctx, name);
        try {
            return LocalDateTime.parse(value.replace(' ', 'T')).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new ConsoleException.BadRequest(
                    value + ": " + name + " is a local time like 2026-10-25T02:00");
        }
    }
}

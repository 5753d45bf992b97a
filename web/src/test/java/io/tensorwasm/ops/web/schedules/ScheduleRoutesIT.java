package io.tensorwasm.ops.web.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import biweekly.Biweekly;
import biweekly.ICalendar;
import io.tensorwasm.ops.oncall.schedule.EscalationPolicy;
import io.tensorwasm.ops.oncall.schedule.Layer;
import io.tensorwasm.ops.oncall.schedule.PolicyTier;
import io.tensorwasm.ops.oncall.schedule.Schedule;
import io.tensorwasm.ops.testkit.Harness;
import io.tensorwasm.ops.web.ConsoleFixture;
import io.tensorwasm.ops.web.ConsoleParts;
import io.tensorwasm.ops.web.ConsoleRoutes;
import io.tensorwasm.ops.web.ConsoleSession;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The schedules over HTTP: the page and its timeline, overrides, the API, and revocable feeds. */
class ScheduleRoutesIT {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Pattern FEED =
            Pattern.compile("(/calendar/twf_[A-Za-z0-9-]+_[A-Za-z0-9-]+\\.ics)");
    private static final Pattern FEED_ID = Pattern.compile("Calendar feed ([A-Za-z0-9-]+)");

    private final ConsoleFixture fixture = ConsoleFixture.withRuntimeDown();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void showsTheFortnightTakesAnOverrideAndServesARevocableFeed() throws Exception {
        AtomicReference<ConsoleParts> parts = new AtomicReference<>();
        Harness.serve(
                vertx -> {
                    parts.set(fixture.parts(vertx));
                    return ConsoleRoutes.create(vertx, parts.get());
                },
                (port, client) -> {
                    parts.get().onCall().schedules().save(schedule());
                    parts.get()
                            .onCall()
                            .policies()
                            .save(
                                    new EscalationPolicy(
                                            EscalationPolicy.DEFAULT,
                                            List.of(
                                                    PolicyTier.schedule(
                                                            "primary", Duration.ofMinutes(5))),
                                            "console"));
                    ConsoleSession operator = ConsoleSession.signIn(client, fixture.operator);
                    String page = operator.get("/schedules/primary").body();
                    assertThat(page).contains("id=\"timeline\"").contains("class=\"person-0");
                    String report = operator.get("/reports/oncall?zone=Europe/Berlin").body();
                    assertThat(report)
                            .contains("id=\"by-week\"")
                            .contains("Nobody was paged in this period.");
                    assertThat(operator.get("/reports/oncall?days=0").statusCode()).isEqualTo(400);

                    HttpResponse<String> added =
                            operator.submit(
                                    "/schedules/primary",
                                    "/schedules/primary/overrides",
                                    Map.of(
                                            "person",
                                            "Cy",
                                            "from",
                                            "2030-10-27T02:00",
                                            "to",
                                            "2030-10-27T06:00"));
                    assertThat(added.statusCode()).isEqualTo(200);
                    assertThat(added.body())
                            .contains(
                                    "Cy covers primary from 2030-10-27 02:00 to 2030-10-27 06:00.");
                    HttpResponse<String> garbled =
                            operator.submit(
                                    "/schedules/primary",
                                    "/schedules/primary/overrides",
                                    Map.of("person", "Cy", "from", "tonight", "to", ""));
                    assertThat(garbled.statusCode()).isEqualTo(400);
                    assertThat(garbled.body())
                            .contains("tonight: from is a local time like 2026-10-25T02:00");

                    String who =
                            client.withToken(fixture.viewer)
                                    .get("/api/oncall?at=2030-10-27T02:00:00Z")
                                    .body();
                    assertThat(who).contains("\"tier\":\"primary\"").contains("\"person\":\"Cy\"");
                    assertThat(
                                    client.withToken(fixture.viewer)
                                            .get("/api/oncall?at=2030-10-27T06:00:00Z")
                                            .body())
                            .contains("\"person\":\"Ana\"");
                    assertThat(
                                    client.withToken(fixture.viewer)
                                            .get("/api/oncall?at=soon")
                                            .statusCode())
                            .isEqualTo(400);

                    HttpResponse<String> issued =
                            operator.submit(
                                    "/schedules/primary", "/feeds", Map.of("schedule", "primary"));
                    Matcher url = FEED.matcher(issued.body());
                    assertThat(url.find()).as(issued.body()).isTrue();
                    HttpResponse<String> feed = client.get(url.group(1));
                    assertThat(feed.statusCode()).isEqualTo(200);
                    assertThat(feed.headers().firstValue("Content-Type"))
                            .contains("text/calendar; charset=utf-8");
                    ICalendar calendar = Biweekly.parse(feed.body()).first();
                    assertThat(calendar.getEvents()).isNotEmpty();
                    assertThat(client.get(url.group(1).replace(".ics", "x.ics")).statusCode())
                            .isEqualTo(404);

                    Matcher id = FEED_ID.matcher(issued.body());
                    assertThat(id.find()).isTrue();
                    HttpResponse<String> revoked =
                            operator.submit(
                                    "/schedules", "/feeds/" + id.group(1) + "/revoke", Map.of());
                    assertThat(revoked.body()).contains("Revoked feed " + id.group(1));
                    assertThat(client.get(url.group(1)).statusCode()).isEqualTo(404);
                });
    }

    @Test
    void aViewerCannotChangeASchedule() throws Exception {
        AtomicReference<ConsoleParts> parts = new AtomicReference<>();
        Harness.serve(
                vertx -> {
                    parts.set(fixture.parts(vertx));
                    return ConsoleRoutes.create(vertx, parts.get());
                },
                (port, client) -> {
                    parts.get().onCall().schedules().save(schedule());
                    ConsoleSession viewer = ConsoleSession.signIn(client, fixture.viewer);
                    assertThat(viewer.get("/schedules").body())
                            .contains("href=\"/schedules/primary\"");
                    assertThat(
                                    viewer.submit(
                                                    "/schedules/primary",
                                                    "/schedules/primary/overrides",
                                                    Map.of(
                                                            "person",
                                                            "Cy",
                                                            "from",
                                                            "2030-10-27T02:00",
                                                            "to",
                                                            "2030-10-27T06:00"))
                                            .statusCode())
                            .isEqualTo(403);
                });
    }

    private static Schedule schedule() {
        return new Schedule(
                "primary",
                BERLIN,
                List.of(
                        new Layer(
                                "weekly",
                                List.of("Ana"),
                                BERLIN,
                                LocalDateTime.parse("2026-01-05T09:00"),
                                Duration.ofDays(7),
                                Optional.empty())),
                List.of(),
                "console");
    }
}

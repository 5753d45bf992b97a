package io.tensorwasm.ops.web.home;

import io.tensorwasm.ops.engine.model.Texts;
import io.tensorwasm.ops.oncall.alert.RunbookUrl;
import io.tensorwasm.ops.oncall.catalogue.LibraryEntry;
import io.tensorwasm.ops.oncall.catalogue.RunbookLibrary;
import io.tensorwasm.ops.web.health.PlatformHealth;
import io.tensorwasm.ops.web.page.Pages;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** {@code /}: firing alerts with their runbooks, the platform's health, the alert index. */
public final class HomeRoutes {

    private static final long ALERTS_TIMEOUT_MILLIS = 3_000;

    private final Pages pages;
    private final RunbookLibrary library;
    private final FiringAlerts alerts;
    private final PlatformHealth health;

    /** The home page over the catalogue, the alert source and the health probes. */
    public HomeRoutes(
            Pages pages, RunbookLibrary library, FiringAlerts alerts, PlatformHealth health) {
        this.pages = pages;
        this.library = library;
        this.alerts = alerts;
        this.health = health;
    }

    /** Mounts {@code /}. */
    public void mount(Router router) {
        router.get("/").handler(this::show);
    }

    private void show(RoutingContext ctx) {
        List<HomePage.IndexRow> index = index(library);
        alerts.firing()
                .timeout(ALERTS_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                .onComplete(
                        read ->
                                pages.respond(
                                        ctx,
                                        "home",
                                        new HomePage(
                                                read.succeeded()
                                                        ? read.result().stream()
                                                                .map(this::row)
                                                                .toList()
                                                        : List.of(),
                                                alerts.describe(),
                                                read.succeeded()
                                                        ? ""
                                                        : alerts.describe()
                                                                + " did not answer: "
                                                                + read.cause().getMessage(),
                                                health.snapshot(),
                                                index)));
    }

    private HomePage.FiringAlert row(FiringAlert alert) {
        Optional<LibraryEntry> runbook =
                library.forAlert(alert.name())
                        .or(() -> RunbookUrl.idIfUrl(alert.runbookUrl()).flatMap(library::entry));
        return new HomePage.FiringAlert(
                alert.name(),
                alert.severity(),
                Texts.utc(alert.startsAt()),
                runbook.map(LibraryEntry::id).orElse(""),
                runbook.map(
                                r ->
                                        "/runbooks/"
                                                + r.id()
                                                + "?since="
                                                + URLEncoder.encode(
                                                        alert.startsAt().toString(),
                                                        StandardCharsets.UTF_8))
                        .orElse(""));
    }

    static List<HomePage.IndexRow> index(RunbookLibrary library) {
        return library.alertIndex().stream()
                .map(
                        e ->
                                new HomePage.IndexRow(
                                        e.alert(),
                                        e.runbook().map(r -> r.metadata().severity()).orElse(""),
                                        e.id(),
                                        e.title(),
                                        e.problems().size()))
                .toList();
    }
}

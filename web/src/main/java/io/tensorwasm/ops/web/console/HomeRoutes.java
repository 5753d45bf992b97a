package io.tensorwasm.ops.web.console;

import io.tensorwasm.ops.web.alert.FiringAlert;
import io.tensorwasm.ops.web.runbook.LibraryEntry;
import io.tensorwasm.ops.web.runbook.RunbookLibrary;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** {@code /}: firing alerts with their runbooks, the platform's health, the alert index. */
final class HomeRoutes {

    private static final long ALERTS_TIMEOUT_MILLIS = 3_000;
    private static final DateTimeFormatter SINCE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
                    .withZone(ZoneOffset.UTC);

    private final Pages pages;
    private final ConsoleServices services;

    HomeRoutes(Pages pages, ConsoleServices services) {
        this.pages = pages;
        this.services = services;
    }

    void mount(Router router) {
        router.get("/").handler(this::show);
    }

    private void show(RoutingContext ctx) {
        List<HomePage.IndexRow> index = index(services.library());
        services.alerts()
                .firing()
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
                                                services.alerts().describe(),
                                                read.succeeded()
                                                        ? ""
                                                        : services.alerts().describe()
                                                                + " did not answer: "
                                                                + read.cause().getMessage(),
                                                services.health().snapshot(),
                                                index)));
    }

    private HomePage.FiringAlert row(FiringAlert alert) {
        RunbookLibrary library = services.library();
        Optional<LibraryEntry> runbook =
                library.forAlert(alert.name()).or(() -> library.entry(alert.runbookFromUrl()));
        return new HomePage.FiringAlert(
                alert.name(),
                alert.severity(),
                SINCE.format(alert.startsAt()),
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

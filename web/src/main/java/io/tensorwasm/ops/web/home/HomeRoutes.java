package io.tensorwasm.ops.web.home;

import io.tensorwasm.ops.engine.model.Texts;
import io.tensorwasm.ops.oncall.alert.RunbookUrl;
import io.tensorwasm.ops.oncall.catalogue.LibraryEntry;
import io.tensorwasm.ops.oncall.catalogue.RunbookLibrary;
import io.tensorwasm.ops.oncall.incident.Incident;
import io.tensorwasm.ops.oncall.incident.IncidentStore;
import io.tensorwasm.ops.oncall.incident.Severity;
import io.tensorwasm.ops.web.auth.Streams;
import io.tensorwasm.ops.web.health.PlatformHealth;
import io.tensorwasm.ops.web.page.LiveStream;
import io.tensorwasm.ops.web.page.Pages;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code /}: firing alerts with their runbooks and the incidents that hold them, the platform's
 * health, the alert index; {@code /events} tells the open page when the incidents changed.
 */
public final class HomeRoutes {

    private static final long ALERTS_TIMEOUT_MILLIS = 3_000;

    private final Vertx vertx;
    private final Pages pages;
    private final Parts parts;

    /**
     * What the home page reads.
     *
     * @param library the runbook catalogue
     * @param alerts where firing alerts come from
     * @param health the health probes
     * @param incidents the incidents, which each firing alert links to
     * @param streams the places the page's event stream holds
     */
    public record Parts(
            RunbookLibrary library,
            FiringAlerts alerts,
            PlatformHealth health,
            IncidentStore incidents,
            Streams streams) {}

    /** The home page over its parts. */
    public HomeRoutes(Vertx vertx, Pages pages, Parts parts) {
        this.vertx = vertx;
        this.pages = pages;
        this.parts = parts;
    }

    /** Mounts {@code /} and its event stream. */
    public void mount(Router router) {
        router.get("/").handler(this::show);
        router.get("/events")
                .handler(
                        ctx ->
                                LiveStream.serve(
                                        ctx,
                                        vertx,
                                        () -> parts.incidents().version(0),
                                        parts.streams()));
    }

    private void show(RoutingContext ctx) {
        List<HomePage.IndexRow> index = index(parts.library());
        FiringAlerts alerts = parts.alerts();
        alerts.firing()
                .timeout(ALERTS_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                .transform(
                        read ->
                                vertx.executeBlocking(
                                        () ->
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
                                                        parts.health().snapshot(),
                                                        index,
                                                        parts.incidents().version(0)),
                                        false))
                .onSuccess(page -> pages.respond(ctx, "home", page))
                .onFailure(ctx::fail);
    }

    /** A firing alert, its severity as its incident has it, and the incident that holds it. */
    private HomePage.FiringAlert row(FiringAlert alert) {
        RunbookLibrary library = parts.library();
        Optional<LibraryEntry> runbook =
                library.forAlert(alert.name())
                        .or(() -> RunbookUrl.idIfUrl(alert.runbookUrl()).flatMap(library::entry));
        Severity severity =
                alert.severity().startsWith("sev-")
                        ? Severity.parse(alert.severity())
                        : Severity.ofAlert(
                                alert.severity(),
                                runbook.flatMap(LibraryEntry::runbook)
                                        .map(r -> r.metadata().severity()));
        return new HomePage.FiringAlert(
                alert.name(),
                severity.label(),
                severity.meaning(),
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
                        .orElse(""),
                incident(alert));
    }

    /** The incident that holds the alert: the one it opened, or the one it joined. */
    private long incident(FiringAlert alert) {
        if (alert.fingerprint().isEmpty()) {
            return 0;
        }
        return parts.incidents()
                .holding(alert.fingerprint(), alert.startsAt())
                .map(Incident::id)
                .orElse(0L);
    }

    static List<HomePage.IndexRow> index(RunbookLibrary library) {
        return library.alertIndex().stream()
                .map(
                        e -> {
                            Optional<Severity> severity =
                                    e.runbook().map(r -> Severity.parse(r.metadata().severity()));
                            return new HomePage.IndexRow(
                                    e.alert(),
                                    severity.map(Severity::label).orElse(""),
                                    severity.map(Severity::meaning).orElse(""),
                                    e.id(),
                                    e.title(),
                                    e.problems().size());
                        })
                .toList();
    }
}

package io.tensorwasm.ops.web.home;

import io.tensorwasm.ops.oncall.incident.Incident;
import io.tensorwasm.ops.oncall.incident.IncidentStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * What fires now as the Alertmanager webhook saw it: every alert incident whose resolution has not
 * arrived. Read on a worker thread, so the event loop never waits on the database.
 */
public final class IncidentAlerts implements FiringAlerts {

    private static final int LIMIT = 200;

    private final Vertx vertx;
    private final IncidentStore incidents;

    /** The firing alerts the webhook recorded in the incident store. */
    public IncidentAlerts(Vertx vertx, IncidentStore incidents) {
        this.vertx = vertx;
        this.incidents = incidents;
    }

    @Override
    public Future<List<FiringAlert>> firing() {
        return vertx.executeBlocking(
                () -> incidents.firing(LIMIT).stream().map(IncidentAlerts::alert).toList(), false);
    }

    @Override
    public String describe() {
        return "the Alertmanager webhook (POST /hooks/alertmanager)";
    }

    /** The incident's alert: key {@code fingerprint@startsAt}, its runbook as a console link. */
    static FiringAlert alert(Incident incident) {
        String key = incident.dedupKey();
        int at = key.lastIndexOf('@');
        Instant startsAt;
        try {
            startsAt = Instant.parse(key.substring(at + 1));
        } catch (DateTimeParseException e) {
            startsAt = incident.openedAt();
        }
        return new FiringAlert(
                incident.alertName().orElse(incident.title()),
                incident.severity().label(),
                startsAt,
                key.substring(0, Math.max(at, 0)),
                incident.runbookId().map(id -> "/runbooks/" + id).orElse(""));
    }
}

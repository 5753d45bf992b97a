package io.tensorwasm.ops.oncall.desk;

import io.tensorwasm.ops.engine.model.Texts;
import io.tensorwasm.ops.oncall.alert.AlertLedger;
import io.tensorwasm.ops.oncall.alert.AlertmanagerPayload;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alertmanager's deliveries, taken in. Each is stored as received before anything else; then each
 * of its alerts is handled on its own (issue #16), once per state change whatever the number of
 * deliveries or console nodes: the ledger's row for the change is its outbox, claimed by the node
 * that handles it and marked once the incident is opened, paged and its runbook started. A row a
 * crash left unmarked is taken again by a retry or by {@link #sweep}. Blocks: call it from a worker
 * thread.
 *
 * <ul>
 *   <li>A permanent problem in one alert (unreadable, an annotation that is no link) is filed as a
 *       documentation bug; the alert is still opened and paged where it can be, and the others go
 *       on.
 *   <li>A transient one (the database) leaves that alert's row for the retry, and the delivery
 *       answers as failed, so Alertmanager sends it again; the alerts already handled are not
 *       handled twice.
 * </ul>
 *
 * <pre>{@code
 * AlertIntake.Outcome outcome = intake.deliver(body);   // stored before it returns
 * }</pre>
 */
public final class AlertIntake {

    /** The most alerts handled from one delivery; the shipped routing sends at most 100. */
    public static final int MAX_ALERTS = 1000;

    /** How old a claim must be before another node or a retry takes its alert over. */
    static final Duration STALE_CLAIM = Duration.ofSeconds(30);

    private static final Logger logger = LoggerFactory.getLogger(AlertIntake.class);

    private final AlertLedger ledger;
    private final AlertDesk desk;
    private final Clock clock;

    /** Deliveries recorded in the ledger and handled by the desk. */
    public AlertIntake(AlertLedger ledger, AlertDesk desk, Clock clock) {
        this.ledger = ledger;
        this.desk = desk;
        this.clock = clock;
    }

    /**
     * What a delivery came to.
     *
     * @param deliveryId the stored delivery
     * @param alerts how many alerts it held
     * @param fresh how many of them were state changes handled now
     * @param malformed why the body could not be read at all, when it could not
     */
    public record Outcome(long deliveryId, int alerts, int fresh, Optional<String> malformed) {}

    /**
     * Stores the delivery, then handles each alert on its own.
     *
     * @throws IllegalStateException when the delivery could not be stored, or an alert could not be
     *     handled for a reason that may pass (the database); Alertmanager should send it again
     */
    public Outcome deliver(String body) {
        Instant now = clock.instant();
        long id = ledger.received(body, now);
        AlertmanagerPayload payload;
        try {
            payload = AlertmanagerPayload.parse(body);
        } catch (IllegalArgumentException malformed) {
            ledger.outcome(id, "malformed", malformed.getMessage());
            return new Outcome(id, 0, 0, Optional.of(malformed.getMessage()));
        }
        List<String> failed = new ArrayList<>();
        int fresh = 0;
        List<AlertmanagerPayload.Alert> alerts = payload.alerts();
        for (int i = 0; i < Math.min(alerts.size(), MAX_ALERTS); i++) {
            try {
                fresh += take(id, alerts.get(i), now) ? 1 : 0;
            } catch (IllegalArgumentException permanent) {
                // Something in this alert no retry can mend: file it, and never take it again.
                desk.unreadable(
                        new AlertmanagerPayload.Rejected(
                                "alerts[" + i + "]",
                                alerts.get(i).name() + ": " + permanent.getMessage(),
                                alerts.get(i).fingerprint() + " " + alerts.get(i).labels()),
                        id);
                ledger.handled(alerts.get(i), clock.instant());
            } catch (IllegalStateException transientFailure) {
                logger.error(
                        "action=alert_not_handled delivery={} fingerprint={}",
                        id,
                        alerts.get(i).fingerprint(),
                        transientFailure);
                failed.add(alerts.get(i).name() + ": " + transientFailure.getMessage());
            }
        }
        payload.rejected().forEach(r -> desk.unreadable(r, id));
        int leftOut = payload.truncatedAlerts() + Math.max(0, alerts.size() - MAX_ALERTS);
        if (leftOut > 0) {
            desk.truncated(payload.groupKey(), leftOut, id);
        }
        String detail =
                payload.alerts().size()
                        + " alerts, "
                        + fresh
                        + " new"
                        + (payload.rejected().isEmpty()
                                ? ""
                                : ", " + payload.rejected().size() + " unreadable")
                        + (leftOut > 0 ? ", " + leftOut + " left out" : "");
        if (!failed.isEmpty()) {
            ledger.outcome(id, "retry", detail + "; not handled yet: " + String.join("; ", failed));
            throw new IllegalStateException(
                    Texts.clip(
                            failed.size()
                                    + " of "
                                    + alerts.size()
                                    + " alerts not handled yet: "
                                    + String.join("; ", failed),
                            500));
        }
        ledger.outcome(id, "accepted", detail);
        return new Outcome(id, payload.alerts().size(), fresh, Optional.empty());
    }

    /**
     * Handles what a crash left: every state change claimed longer ago than the stale time and not
     * marked handled, read back from its stored delivery. Safe on every node at once: each change
     * is claimed again by one. Returns how many it finished.
     */
    public int sweep() {
        Instant now = clock.instant();
        int finished = 0;
        for (AlertLedger.Unfinished row : ledger.unfinished(now.minus(STALE_CLAIM), 100)) {
            Optional<AlertmanagerPayload.Alert> alert = alertOf(row);
            if (alert.isEmpty()) {
                continue;
            }
            try {
                finished += take(row.deliveryId(), alert.get(), now) ? 1 : 0;
            } catch (IllegalStateException stillFailing) {
                logger.warn(
                        "action=alert_not_handled delivery={} fingerprint={}: {}",
                        row.deliveryId(),
                        row.fingerprint(),
                        stillFailing.getMessage());
            }
        }
        return finished;
    }

    /** Claims the state change and, when it is this node's to handle, hands it to the desk. */
    private boolean take(long deliveryId, AlertmanagerPayload.Alert alert, Instant now) {
        AlertLedger.Admission admission = ledger.admit(deliveryId, alert, now, STALE_CLAIM);
        if (!admission.ours()) {
            return false;
        }
        if (alert.firing()) {
            desk.firing(alert, ledger.resolvedBefore(alert));
        } else {
            desk.resolved(alert);
        }
        ledger.handled(alert, clock.instant());
        return true;
    }

    private Optional<AlertmanagerPayload.Alert> alertOf(AlertLedger.Unfinished row) {
        try {
            return AlertmanagerPayload.parse(ledger.body(row.deliveryId())).alerts().stream()
                    .filter(
                            a ->
                                    a.fingerprint().equals(row.fingerprint())
                                            && a.startsAt().equals(row.startsAt())
                                            && a.status().equals(row.status()))
                    .findFirst();
        } catch (IllegalArgumentException unreadable) {
            return Optional.empty();
        }
    }
}

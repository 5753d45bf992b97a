package io.tensorwasm.ops.oncall.desk;

import io.tensorwasm.ops.oncall.alert.AlertLedger;
import io.tensorwasm.ops.oncall.alert.AlertmanagerPayload;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Alertmanager's deliveries, taken in: each is stored as received before anything is done with it,
 * then read, and each of its alerts goes to the desk once per state change, whatever the number of
 * deliveries or console nodes (the ledger's unique key). Blocks: call it from a worker thread.
 *
 * <pre>{@code
 * AlertIntake.Outcome outcome = intake.deliver(body);   // stored before it returns
 * }</pre>
 */
public final class AlertIntake {

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
     * @param fresh how many of them were state changes not seen before
     * @param malformed why the body could not be read, when it could not
     */
    public record Outcome(long deliveryId, int alerts, int fresh, Optional<String> malformed) {}

    /**
     * Stores the delivery, then hands each alert to the desk.
     *
     * @throws IllegalStateException when the delivery could not be stored or handled; Alertmanager
     *     should send it again
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
        int fresh = 0;
        for (AlertmanagerPayload.Alert alert : payload.alerts()) {
            boolean admitted = ledger.admit(id, alert, now);
            fresh += admitted ? 1 : 0;
            if (alert.firing()) {
                desk.firing(alert, ledger.resolvedBefore(alert));
            } else {
                desk.resolved(alert);
            }
        }
        ledger.outcome(id, "accepted", payload.alerts().size() + " alerts, " + fresh + " new");
        return new Outcome(id, payload.alerts().size(), fresh, Optional.empty());
    }
}

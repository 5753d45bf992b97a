package io.tensorwasm.ops.oncall.desk;

import io.tensorwasm.ops.oncall.alert.AlertmanagerPayload.Alert;
import io.tensorwasm.ops.oncall.incident.Incident;
import io.tensorwasm.ops.oncall.incident.IncidentKey;
import io.tensorwasm.ops.oncall.incident.IncidentStore;
import io.tensorwasm.ops.oncall.incident.Severity;
import io.tensorwasm.ops.oncall.incident.TimelineEvent.Kind;
import java.time.Clock;
import java.util.Optional;

/**
 * One incident per fault (issue #17): an alert of the scope of an open incident, its SLO on its
 * host, is filed into that incident as a timeline entry, with no page and no run of its own, unless
 * it is more urgent than the incident: then it opens an incident of its own, which takes the scope
 * over. The desk asks before it opens an incident.
 */
final class SameFault {

    private final IncidentStore incidents;
    private final Clock clock;

    SameFault(IncidentStore incidents, Clock clock) {
        this.incidents = incidents;
        this.clock = clock;
    }

    /**
     * The open incident of the alert's scope, which the alert now joins; empty when the alert opens
     * an incident of its own (no scope, its own incident already open, no open incident of the
     * scope, or it is more urgent than the one open).
     */
    Optional<Incident> join(Alert alert, String key, Severity severity, Optional<String> scope) {
        if (scope.isEmpty() || incidents.findByKey(key).isPresent()) {
            return Optional.empty();
        }
        Optional<Incident> open = incidents.scopes().open(scope.get());
        if (open.isEmpty()) {
            return Optional.empty();
        }
        if (severity.compareTo(open.get().severity()) < 0) {
            incidents.scopes().release(open.get().id());
            note(
                    open.get().id(),
                    Kind.NOTE,
                    alert.name()
                            + " fires on the same SLO and host at "
                            + severity.label()
                            + ", more urgent than this incident: it opens an incident of its own");
            return Optional.empty();
        }
        return Optional.of(join(open.get(), alert));
    }

    /** Files the alert into the incident, once; the timeline says so. */
    Incident join(Incident incident, Alert alert) {
        String key = IncidentKey.of(alert.fingerprint(), alert.startsAt()).format();
        if (incidents.scopes().hold(incident.id(), key, alert.name(), clock.instant())) {
            String summary = alert.annotations().get("summary");
            note(
                    incident.id(),
                    Kind.ALERT_FIRING,
                    alert.name()
                            + " firing since "
                            + alert.startsAt()
                            + (summary == null ? "" : ": " + summary)
                            + " (same SLO and host as this incident, so it joins it: nobody is"
                            + " paged again and its own runbook does not run)");
        }
        return incident;
    }

    private void note(long incidentId, Kind kind, String text) {
        incidents.append(incidentId, kind, text, clock.instant());
    }
}

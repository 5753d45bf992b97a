package io.tensorwasm.ops.oncall.remediation;

import io.tensorwasm.ops.oncall.incident.IncidentStore;
import io.tensorwasm.ops.oncall.incident.TimelineEvent.Kind;
import java.time.Clock;
import java.time.Instant;

/** One incident's timeline, each entry stamped by the clock when it is written. */
final class IncidentNotes {

    private final IncidentStore incidents;
    private final long incidentId;
    private final Clock clock;

    IncidentNotes(IncidentStore incidents, long incidentId, Clock clock) {
        this.incidents = incidents;
        this.incidentId = incidentId;
        this.clock = clock;
    }

    long incidentId() {
        return incidentId;
    }

    Instant now() {
        return clock.instant();
    }

    void append(Kind kind, String text) {
        incidents.append(incidentId, kind, text, clock.instant());
    }
}

package io.tensorwasm.ops.oncall.remediation;

import io.tensorwasm.ops.oncall.incident.IncidentStore;
import io.tensorwasm.ops.oncall.incident.TimelineEvent;
import io.tensorwasm.ops.oncall.incident.TimelineEvent.Kind;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

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

    /** An entry of one run, about one of its steps when a step is given. */
    void append(Kind kind, String text, long executionId, Optional<Integer> step) {
        incidents.append(
                incidentId,
                new TimelineEvent(clock.instant(), kind, text, Optional.of(executionId), step));
    }

    /** Links a run to the incident, saying how it came to work it. */
    void attach(long executionId, String how) {
        incidents.runs().attach(incidentId, executionId, how, clock.instant());
    }
}

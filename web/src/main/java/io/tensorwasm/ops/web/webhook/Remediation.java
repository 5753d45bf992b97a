package io.tensorwasm.ops.web.webhook;

import io.tensorwasm.ops.web.incident.Incident;

/** What happens to an incident's runbook once the incident is open: off, suggest, or auto. */
@FunctionalInterface
public interface Remediation {

    /** Nothing runs; the incident and its page link to the runbook. */
    Remediation NONE = (incident, runbookId, alert) -> {};

    /** Called once per firing, on a worker thread, after the incident is open and paged. */
    void start(Incident incident, String runbookId, AlertmanagerPayload.Alert alert);
}

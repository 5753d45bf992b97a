package io.tensorwasm.ops.drills;

import io.tensorwasm.ops.oncall.desk.AlertDesk;
import io.tensorwasm.ops.oncall.incident.IncidentStore;
import io.tensorwasm.ops.oncall.incident.Severity;
import io.tensorwasm.ops.oncall.paging.PageMessage;
import java.util.List;

/**
 * A failed drill is a sev-2 incident in its own right (seed 003: "a paging path that fails its
 * monthly test is a sev-2 issue"): opened through the alert desk with one note per failed check,
 * and paged like any sev-2, naming the drill and its first failed check and linking its runbook.
 */
final class FailurePages {

    private final AlertDesk desk;
    private final ConsoleLink console;
    private final String node;

    FailurePages(AlertDesk desk, ConsoleLink console, String node) {
        this.desk = desk;
        this.console = console;
        this.node = node;
    }

    /** Opens the run's incident, once per run, and pages it. */
    void failed(Drill drill, long runId, List<DrillCheck> failed) {
        DrillCheck first = failed.get(0);
        desk.report(
                new IncidentStore.NewIncident(
                        "drill-run:" + runId,
                        "Drill failed: "
                                + drill.name()
                                + " ("
                                + failed.size()
                                + (failed.size() == 1 ? " check" : " checks")
                                + ")",
                        Severity.SEV_2,
                        null,
                        drill.runbook(),
                        node),
                failed.stream()
                        .map(c -> "drill run " + runId + ": " + c.name() + ": " + c.observed())
                        .toList(),
                incident ->
                        new PageMessage(
                                incident.dedupKey(),
                                incident.severity(),
                                "DrillFailed",
                                incident.host(),
                                "readiness drill "
                                        + drill.name()
                                        + " failed: "
                                        + first.name()
                                        + ": "
                                        + first.observed(),
                                console.page("/incidents/" + incident.id()),
                                console.grafana(),
                                console.page("/runbooks/" + drill.runbook())));
    }
}

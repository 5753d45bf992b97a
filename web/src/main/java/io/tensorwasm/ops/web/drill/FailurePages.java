package io.tensorwasm.ops.web.drill;

import io.tensorwasm.ops.web.incident.Incident;
import io.tensorwasm.ops.web.paging.PageMessage;
import io.tensorwasm.ops.web.paging.Paging;

/**
 * Pages the rotation for a failed drill's incident through {@link Paging}, like any sev-2: the page
 * names the drill and its first failed check and links the drill's runbook.
 */
final class FailurePages implements DrillRunner.IncidentPager {

    private final Paging paging;
    private final ConsoleLink console;

    FailurePages(Paging paging, ConsoleLink console) {
        this.paging = paging;
        this.console = console;
    }

    @Override
    public void page(Incident incident, Drill drill, DrillCheck firstFailed) {
        paging.page(
                incident,
                new PageMessage(
                        incident.dedupKey(),
                        incident.severity(),
                        "DrillFailed",
                        incident.host(),
                        "readiness drill "
                                + drill.name()
                                + " failed: "
                                + firstFailed.name()
                                + ": "
                                + firstFailed.observed(),
                        console.page("/incidents/" + incident.id()),
                        console.grafana(),
                        console.page("/runbooks/" + drill.runbook())));
    }
}

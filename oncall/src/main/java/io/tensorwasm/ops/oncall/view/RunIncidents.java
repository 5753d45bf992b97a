package io.tensorwasm.ops.oncall.view;

import io.tensorwasm.ops.engine.model.Mode;
import io.tensorwasm.ops.engine.model.RunStatus;
import io.tensorwasm.ops.engine.model.Trigger;
import io.tensorwasm.ops.engine.store.ExecutionSummary;
import io.tensorwasm.ops.oncall.incident.IncidentStore;
import io.tensorwasm.ops.oncall.incident.RunLinks;
import io.tensorwasm.ops.oncall.remediation.RemediationRecord;
import io.tensorwasm.ops.oncall.remediation.RemediationState;
import io.tensorwasm.ops.oncall.remediation.RemediationStore;
import io.tensorwasm.ops.oncall.run.RunLabels;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the console knows of executions beyond the engine's record (issue #17): the incident each
 * worked, shown by its alert's name rather than a fingerprint, and the runs withdrawn because their
 * alert resolved or nobody approved them, which the engine records as aborted.
 */
public final class RunIncidents implements RunLabels {

    /** Knows of no incident: a console page without incidents (the benchmark's history). */
    public static final RunIncidents NONE = new RunIncidents(null, null);

    private final IncidentStore incidents;
    private final RemediationStore remediations;

    /** Over the console's incidents and remediations. */
    public RunIncidents(IncidentStore incidents, RemediationStore remediations) {
        this.incidents = incidents;
        this.remediations = remediations;
    }

    /** The labels of the executions, read in two queries; blocks on the database. */
    @Override
    public Map<Long, Label> of(List<ExecutionSummary> executions) {
        Map<Long, RunLinks.Link> links =
                incidents == null
                        ? Map.of()
                        : incidents
                                .runs()
                                .incidentsOf(
                                        executions.stream().map(ExecutionSummary::id).toList());
        Map<Long, Label> labels = new HashMap<>();
        for (ExecutionSummary e : executions) {
            Optional<RunLinks.Link> link = Optional.ofNullable(links.get(e.id()));
            labels.put(e.id(), label(e, link, withdrawn(e, link)));
        }
        return labels;
    }

    private static Label label(
            ExecutionSummary e, Optional<RunLinks.Link> link, Optional<String> withdrawn) {
        Trigger trigger = e.trigger();
        String who =
                link.map(
                                l ->
                                        (trigger.kind() == Trigger.Source.PERSON
                                                        ? trigger.value() + ", for "
                                                        : "")
                                                + l.incident()
                                                        .alertName()
                                                        .orElse(l.incident().title())
                                                + " (incident "
                                                + l.incident().id()
                                                + ")")
                        .orElse(
                                trigger.kind() == Trigger.Source.PERSON
                                        ? trigger.value()
                                        : "an alert (" + trigger.value() + ")");
        return new Label(
                who,
                link.map(l -> l.incident().id()).orElse(0L),
                withdrawn.orElse(e.status().word()),
                withdrawn.isPresent() ? "withdrawn" : e.status().word());
    }

    /** Why an aborted prepared run was withdrawn, when its remediation says it was. */
    private Optional<String> withdrawn(ExecutionSummary e, Optional<RunLinks.Link> link) {
        if (remediations == null
                || link.isEmpty()
                || e.status() != RunStatus.ABORTED
                || e.mode() != Mode.INTERACTIVE) {
            return Optional.empty();
        }
        return remediations
                .find(link.get().incident().id())
                .filter(r -> r.executionId().filter(x -> x == e.id()).isPresent())
                .map(RemediationRecord::state)
                .filter(
                        state ->
                                state == RemediationState.WITHDRAWN
                                        || state == RemediationState.EXPIRED)
                .map(RemediationState::words);
    }
}

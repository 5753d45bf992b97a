package io.tensorwasm.ops.engine.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What machines need from a runbook's front matter.
 *
 * @param kind alert or procedure
 * @param alert the alert name, empty for procedures
 * @param severity {@code sev-1} to {@code sev-3}, the escalation's severity
 * @param slo the SLO it defends, or empty
 * @param dashboard the dashboard link, or empty
 * @param automation what an alert may do with it
 * @param sla the time the whole runbook must fit in, if stated
 * @param total the stated total of the estimates, if stated
 * @param targets the targets it acts on; the first is the default
 * @param guardrails limits on automatic runs
 * @param vars extra placeholders with their default values
 * @param params typed parameters, checked before step 1 and recorded with the run
 */
public record Metadata(
        Kind kind,
        String alert,
        String severity,
        String slo,
        String dashboard,
        Automation automation,
        Optional<Duration> sla,
        Optional<Duration> total,
        List<String> targets,
        Guardrails guardrails,
        Map<String, String> vars,
        List<Parameter> params) {

    public Metadata {
        Objects.requireNonNull(kind, "kind");
        alert = alert == null ? "" : alert;
        severity = severity == null || severity.isEmpty() ? "sev-2" : severity;
        slo = slo == null ? "" : slo;
        dashboard = dashboard == null ? "" : dashboard;
        Objects.requireNonNull(automation, "automation");
        Objects.requireNonNull(sla, "sla");
        Objects.requireNonNull(total, "total");
        targets = List.copyOf(targets);
        Objects.requireNonNull(guardrails, "guardrails");
        vars = Map.copyOf(vars);
        params = List.copyOf(params);
    }

    /** Metadata without typed parameters. */
    public Metadata(
            Kind kind,
            String alert,
            String severity,
            String slo,
            String dashboard,
            Automation automation,
            Optional<Duration> sla,
            Optional<Duration> total,
            List<String> targets,
            Guardrails guardrails,
            Map<String, String> vars) {
        this(
                kind,
                alert,
                severity,
                slo,
                dashboard,
                automation,
                sla,
                total,
                targets,
                guardrails,
                vars,
                List.of());
    }

    /** The same metadata under another automation policy (a promoted shadow runbook). */
    public Metadata withAutomation(Automation other) {
        return new Metadata(
                kind,
                alert,
                severity,
                slo,
                dashboard,
                other,
                sla,
                total,
                targets,
                guardrails,
                vars,
                params);
    }

    /** The parameter with a name. */
    public Optional<Parameter> param(String name) {
        return params.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The names a {@code target} parameter may take: the runbook's targets, or its default. */
    public List<String> targetNames() {
        return targets.isEmpty() ? List.of(defaultTarget()) : targets;
    }

    /** A procedure with no automation and the default guardrails. */
    public static Metadata procedure() {
        return new Metadata(
                Kind.PROCEDURE,
                "",
                "sev-2",
                "",
                "",
                Automation.OFF,
                Optional.empty(),
                Optional.empty(),
                List.of(),
                Guardrails.DEFAULT,
                Map.of());
    }

    /** The default target: the first one named, else {@code runtime}. */
    public String defaultTarget() {
        return targets.isEmpty() ? "runtime" : targets.get(0);
    }
}

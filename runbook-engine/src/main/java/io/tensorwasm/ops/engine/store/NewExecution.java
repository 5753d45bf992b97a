package io.tensorwasm.ops.engine.store;

import io.tensorwasm.ops.engine.model.Guardrails;
import io.tensorwasm.ops.engine.model.Mode;
import io.tensorwasm.ops.engine.model.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An execution about to start.
 *
 * @param runbookId the runbook
 * @param contentHash the version of the runbook that runs
 * @param mode how it runs
 * @param trigger who or what started it
 * @param target the target it acts on
 * @param started when it starts
 * @param estimated the sum of the step estimates
 * @param sla the runbook's SLA, if any
 * @param guardrails the limits to enforce; present for automatic runs only
 * @param origin the pinned text, the inputs and the parent of a continuation (issue #19)
 */
public record NewExecution(
        String runbookId,
        String contentHash,
        Mode mode,
        Trigger trigger,
        String target,
        Instant started,
        Duration estimated,
        Optional<Duration> sla,
        Optional<Guardrails> guardrails,
        Origin origin) {

    public NewExecution {
        Objects.requireNonNull(runbookId, "runbookId");
        Objects.requireNonNull(contentHash, "contentHash");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(estimated, "estimated");
        Objects.requireNonNull(sla, "sla");
        Objects.requireNonNull(guardrails, "guardrails");
        Objects.requireNonNull(origin, "origin");
    }

    /** An execution with nothing pinned, no inputs and no parent. */
    public NewExecution(
            String runbookId,
            String contentHash,
            Mode mode,
            Trigger trigger,
            String target,
            Instant started,
            Duration estimated,
            Optional<Duration> sla,
            Optional<Guardrails> guardrails) {
        this(
                runbookId,
                contentHash,
                mode,
                trigger,
                target,
                started,
                estimated,
                sla,
                guardrails,
                Origin.NONE);
    }
}

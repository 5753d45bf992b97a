package io.tensorwasm.ops.engine.store;

import io.tensorwasm.ops.engine.model.Mode;
import io.tensorwasm.ops.engine.model.RunStatus;
import io.tensorwasm.ops.engine.model.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One recorded execution without its steps.
 *
 * @param id its id
 * @param runbookId the runbook
 * @param contentHash the runbook's version
 * @param mode how it ran
 * @param trigger who or what started it
 * @param target the target
 * @param status how it stands or ended
 * @param started when it started
 * @param finished when it ended, if it did
 * @param estimated the sum of the step estimates
 * @param sla the runbook's SLA, if any
 * @param summary one line on how it ended
 */
public record ExecutionSummary(
        long id,
        String runbookId,
        String contentHash,
        Mode mode,
        Trigger trigger,
        String target,
        RunStatus status,
        Instant started,
        Optional<Instant> finished,
        Duration estimated,
        Optional<Duration> sla,
        String summary) {

    /** True when it ended after its SLA. */
    public boolean pastSla() {
        return finished.isPresent()
                && sla.isPresent()
                && Duration.between(started, finished.get()).compareTo(sla.get()) > 0;
    }
}

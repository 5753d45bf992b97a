package io.tensorwasm.ops.engine.store;

import io.tensorwasm.ops.engine.model.GuardrailException;
import io.tensorwasm.ops.engine.model.RunStatus;
import io.tensorwasm.ops.engine.model.StepResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where every execution is recorded, and where automatic runs are admitted or refused, so that
 * several console nodes on one database agree.
 *
 * <pre>{@code
 * try (ExecutionStore store = JdbcExecutionStore.open("jdbc:h2:file:./data/engine", "", "")) {
 *     store.recent(20).forEach(System.out::println);
 * }
 * }</pre>
 */
public interface ExecutionStore extends AutoCloseable {

    /**
     * Records a new execution and returns its id. Takes the runbook-and-target lock, except for a
     * dry run, which changes nothing; for an automatic run also checks the kill switch, the hourly
     * limit and the cooldown.
     *
     * @throws GuardrailException when the run may not start
     */
    long begin(NewExecution execution);

    /**
     * Why {@link #begin} would refuse the execution now, or empty when it would admit it; reads
     * without recording anything. Another node may still start a run between this answer and a
     * {@code begin}, which decides.
     */
    Optional<String> refusal(NewExecution execution);

    /** Records a finished step. */
    void recordStep(long executionId, StepResult step);

    /**
     * Records a finished step with the result values later steps read, in one transaction, so a
     * continuation finds them (issue #19).
     */
    void recordStep(long executionId, StepResult step, Map<String, Object> values);

    /** Notes the step an execution is starting, which is where a crash would leave it. */
    void stepStarted(long executionId, int step);

    /** The text of a runbook version that ran, by content hash. */
    Optional<RunbookText> runbookText(String contentHash);

    /** An execution's inputs, parent, last step and continuations. */
    Optional<Lineage> lineage(long executionId);

    /** An execution's step result values by step, its own and those it inherited. */
    Map<Integer, Map<String, Object>> stepValues(long executionId);

    /** The kill switch's changes between two instants, oldest first. */
    List<KillSwitchChange> killSwitchChanges(Instant from, Instant to);

    /** Says the execution is still alive; one without news for long enough is interrupted. */
    void heartbeat(long executionId, Instant now);

    /** Records how the execution ended and releases its lock. */
    void finish(long executionId, RunStatus status, Instant finished, String summary);

    /** The most recent executions, newest first. */
    List<ExecutionSummary> recent(int limit);

    /** One execution with its steps. */
    Optional<ExecutionRecord> find(long executionId);

    /** One page of the executions that match a filter, newest first, and how many match. */
    HistorySlice history(HistoryQuery query);

    /** Marks running executions whose heartbeat stopped as interrupted; returns how many. */
    int markInterrupted(Instant now);

    /** Turns automatic runs off everywhere until released. */
    void engageKillSwitch(String by, String reason, Instant now);

    /** Turns automatic runs back on. */
    void releaseKillSwitch(String by, Instant now);

    /** The kill switch: whether it is engaged, by whom, why and since when. */
    KillSwitch killSwitch();

    /** True while automatic runs are off. */
    default boolean killSwitchEngaged() {
        return killSwitch().engaged();
    }

    @Override
    void close();
}

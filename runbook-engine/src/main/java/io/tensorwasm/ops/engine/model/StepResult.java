package io.tensorwasm.ops.engine.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What happened in one step of an execution, as recorded.
 *
 * @param step the step number
 * @param action the action's text
 * @param status how the step ended
 * @param check the check's outcome with its observed value
 * @param started when the step started
 * @param finished when it ended
 * @param attempts how many times the action ran
 * @param approver who approved it, or empty
 * @param note a skip reason, an error or a decision, or empty
 * @param output an excerpt of the action's output with secrets redacted
 * @param member the fleet member it ran for, or empty when it addressed no member
 * @param batch the member's batch in a fleet block ({@code canary}, {@code batch 1}, ...), or empty
 */
public record StepResult(
        int step,
        String action,
        Status status,
        CheckResult check,
        Instant started,
        Instant finished,
        int attempts,
        String approver,
        String note,
        String output,
        String member,
        String batch) {

    public StepResult {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(finished, "finished");
        approver = approver == null ? "" : approver;
        note = note == null ? "" : note;
        output = output == null ? "" : output;
        member = member == null ? "" : member;
        batch = batch == null ? "" : batch;
    }

    /** A result that addressed no fleet member. */
    public StepResult(
            int step,
            String action,
            Status status,
            CheckResult check,
            Instant started,
            Instant finished,
            int attempts,
            String approver,
            String note,
            String output) {
        this(
                step, action, status, check, started, finished, attempts, approver, note, output,
                "", "");
    }

    /** The same result, recorded for a fleet member in a batch (empty outside a fleet block). */
    public StepResult forMember(String name, String inBatch) {
        return new StepResult(
                step, action, status, check, started, finished, attempts, approver, note, output,
                name, inBatch);
    }

    /** How long the step took. */
    public Duration duration() {
        return Duration.between(started, finished);
    }

    /** How a step ended. */
    public enum Status {
        PASSED,
        FAILED,
        SKIPPED,
        ABORTED,
        /** It needs a person and the run was automatic. */
        PAUSED,
        /** The dry run's plan. */
        PLANNED;

        /** The stored word. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}

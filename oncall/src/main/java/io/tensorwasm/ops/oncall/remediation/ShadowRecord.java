package io.tensorwasm.ops.oncall.remediation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A runbook's probation (issue #19): its latest alert-triggered shadow runs, newest first, how many
 * in a row ended clean, and whether an approver may promote it from shadow to auto.
 *
 * @param runbookId the runbook
 * @param needed how many clean shadow runs in a row a promotion needs ({@code shadow_runs})
 * @param runs the latest shadow runs, newest first
 * @param cleanInARow how many of them, from the newest, ended clean; a failed one resets it
 * @param promotion the promotion in force, if an approver promoted it
 */
public record ShadowRecord(
        String runbookId,
        int needed,
        List<Run> runs,
        int cleanInARow,
        Optional<Promotion> promotion) {

    public ShadowRecord {
        runs = List.copyOf(runs);
    }

    /** True when an approver may promote it now. */
    public boolean promotable() {
        return cleanInARow >= needed;
    }

    /** Why it may not be promoted yet, or empty. */
    public Optional<String> refusal() {
        if (promotable()) {
            return Optional.empty();
        }
        return Optional.of(
                runbookId
                        + " needs its last "
                        + needed
                        + " alert-triggered shadow runs to end clean; "
                        + cleanInARow
                        + (cleanInARow == 1 ? " has" : " have")
                        + " since its last run that did not");
    }

    /**
     * One shadow run.
     *
     * @param executionId the execution
     * @param started when it started
     * @param status how it ended
     * @param clean true when it succeeded with every step passed or skipped as shadow
     * @param summary its one line
     */
    public record Run(
            long executionId, Instant started, String status, boolean clean, String summary) {}

    /**
     * A promotion, the audited act of an approver.
     *
     * @param by the approver
     * @param at when
     * @param reason why
     * @param contentHash the version promoted
     * @param evidence the clean shadow runs it rests on
     */
    public record Promotion(
            String by, Instant at, String reason, String contentHash, String evidence) {}
}

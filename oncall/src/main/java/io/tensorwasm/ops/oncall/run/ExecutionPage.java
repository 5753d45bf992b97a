package io.tensorwasm.ops.oncall.run;

import java.util.List;

/**
 * The execution page: how the run stands or ended, its steps and their timeline, the values its
 * checks read, and while it runs here the question it waits on.
 *
 * @param run the execution
 * @param steps the recorded steps, in the order they ran
 * @param members each fleet member's steps, when the run addressed a fleet
 * @param timeline estimate against actual per step, as SVG geometry
 * @param checks the polls of each step's check, with a sparkline of the value read
 * @param live what a live run waits on, or null when the run is not live in this console
 */
public record ExecutionPage(
        Run run,
        List<StepRow> steps,
        Timeline timeline,
        List<Lane> members,
        List<CheckRow> checks,
        Live live) {

    public ExecutionPage {
        steps = List.copyOf(steps);
        checks = List.copyOf(checks);
    }

    /**
     * The execution's header.
     *
     * @param id its id
     * @param runbookId its runbook
     * @param title the runbook's title, or its id when the runbook is gone
     * @param mode dry-run, interactive or automatic
     * @param status how it stands or ended, in the console's words: {@code withdrawn (alert
     *     resolved)}
     * @param css its status as a CSS class
     * @param startedBy who or what started it: a person, or the alert and its incident
     * @param incidentId the incident it worked, or 0
     * @param target the target it acted on
     * @param started when it started
     * @param took how long it ran, or has run so far
     * @param estimated the sum of the estimates
     * @param sla the SLA, or empty
     * @param pastSla true when it ran past its SLA
     * @param summary one line on how it ended
     * @param changed true when the runbook changed since this run
     * @param pinned true when its text was pinned, so the estimates are those of the text that ran
     */
    public record Run(
            long id,
            String runbookId,
            String title,
            String mode,
            String status,
            String css,
            String startedBy,
            long incidentId,
            String target,
            String started,
            String took,
            String estimated,
            String sla,
            boolean pastSla,
            String summary,
            boolean changed,
            boolean pinned) {}

    /**
     * One recorded step.
     *
     * @param number the step number
     * @param action the action
     * @param status passed, failed, skipped, aborted, paused or planned
     * @param expected the check, or empty
     * @param outcome the check's outcome
     * @param observed what the check read, redacted
     * @param attempts how many times the action ran
     * @param approver who approved it, or empty
     * @param note a skip reason, an error or a decision
     * @param output the action's output excerpt, redacted
     * @param took how long it took
     * @param member the fleet member it ran for, or empty
     */
    public record StepRow(
            int number,
            String action,
            String status,
            String expected,
            String outcome,
            String observed,
            int attempts,
            String approver,
            String note,
            String output,
            String took,
            String member) {}

    /**
     * One fleet member's timeline: its batch and its steps in the order they ran.
     *
     * @param member its name
     * @param batch canary, batch 1, ...
     * @param steps its steps
     */
    public record Lane(String member, String batch, List<StepRow> steps) {}

    /**
     * The polls of one step's check.
     *
     * @param step the step number
     * @param sparkline the value it read over the polls, or null when it read no number
     * @param polls the latest polls, oldest first
     * @param more how many earlier polls are not listed
     */
    public record CheckRow(int step, Sparkline sparkline, List<PollRow> polls, int more) {}

    /**
     * One poll.
     *
     * @param attempt the attempt, from 1
     * @param poll the poll within the attempt, from 1
     * @param at when, since the run started: {@code +14 s}
     * @param full when, in full, for the hover
     * @param verdict holds, does not hold, or error
     * @param observed what it read
     */
    public record PollRow(
            int attempt, int poll, String at, String full, String verdict, String observed) {}

    /**
     * A run in progress in this console.
     *
     * @param lastEvent the last event the page reflects; the stream continues after it
     * @param question what it waits on, or null while a step runs
     * @param abortRequestedBy who asked it to stop before its next step, or empty
     * @param canApprove whether the signed-in person may approve and answer
     * @param canOperate whether they may skip and abort
     * @param role their role, to say why a button is missing
     */
    public record Live(
            long lastEvent,
            Question question,
            String abortRequestedBy,
            boolean canApprove,
            boolean canOperate,
            String role) {}
}

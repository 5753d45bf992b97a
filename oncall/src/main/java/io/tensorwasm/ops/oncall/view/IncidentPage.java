package io.tensorwasm.ops.oncall.view;

import java.util.List;

/**
 * One incident: what it is, who is paged and what comes next, where its remediation stands and what
 * a person can do about it, and its timeline with each run's entries grouped under the run.
 *
 * @param id its number
 * @param title what it is about
 * @param severity sev-1, sev-2 or sev-3
 * @param severityMeaning {@code pages} or {@code filed, never pages}
 * @param status open, acknowledged, mitigated (postmortem pending), resolved
 * @param host the host or deployment
 * @param opened when it was opened, in full
 * @param runbookId the runbook that answers it, or empty
 * @param alerts the alerts it holds, each with whether it still fires
 * @param onCall who is paged now and what comes next
 * @param remediation where its runbook's remediation stands and what a person can do, or null
 * @param closed true once resolved: the forms are gone
 * @param timeline every entry, oldest first, a run's entries under the run
 * @param version what the page shows, for its live updates
 */
public record IncidentPage(
        long id,
        String title,
        String severity,
        String severityMeaning,
        String status,
        String host,
        String opened,
        String runbookId,
        List<HeldAlert> alerts,
        OnCall onCall,
        Remediation remediation,
        boolean closed,
        List<Block> timeline,
        String version) {

    public IncidentPage {
        alerts = List.copyOf(alerts);
        timeline = List.copyOf(timeline);
    }

    /**
     * An alert the incident holds.
     *
     * @param name its name
     * @param firing true until it resolves
     */
    public record HeldAlert(String name, boolean firing) {}

    /**
     * Who is paged and what happens next, in sentences.
     *
     * @param now who holds the page now, or why nobody does
     * @param next when the next escalation fires and to whom, or empty when none is pending
     */
    public record OnCall(String now, String next) {}

    /**
     * The runbook's remediation.
     *
     * @param words its policy and state: {@code automation auto: refused}
     * @param css its state, as a CSS class
     * @param reason why it was refused, withdrawn or expired, or empty
     * @param executionId the run it ran or prepared, or 0
     * @param canStart the viewer may start an interactive run for the incident
     * @param canOverride the viewer may run it automatically past its cooldown
     * @param refusal why the viewer sees no button to start a run, or empty
     */
    public record Remediation(
            String words,
            String css,
            String reason,
            long executionId,
            boolean canStart,
            boolean canOverride,
            String refusal) {}

    /**
     * One block of the timeline: an entry of its own, or a run with its steps.
     *
     * @param entry the entry, or null for a run
     * @param run the run, or null for an entry
     */
    public record Block(Entry entry, Run run) {}

    /**
     * One timeline entry.
     *
     * @param at when, since the incident opened: {@code +14 s}
     * @param full when, in full, for the hover
     * @param kind what sort, in words ({@code run started}, {@code check})
     * @param css the entry's class, from its kind
     * @param text what happened
     */
    public record Entry(String at, String full, String kind, String css, String text) {}

    /**
     * A run that worked the incident, collapsed to one line per step.
     *
     * @param executionId the run
     * @param title {@code execution 4 of availability-fast-burn (automatic)}
     * @param outcome how it ended ({@code succeeded in 12.7 s: every step done}), or {@code
     *     running}
     * @param css its status, as a CSS class
     * @param at when it started, since the incident opened
     * @param full when it started, in full
     * @param steps its steps, in the order they started
     * @param notes its entries about no step
     */
    public record Run(
            long executionId,
            String title,
            String outcome,
            String css,
            String at,
            String full,
            List<StepLine> steps,
            List<Entry> notes) {

        public Run {
            steps = List.copyOf(steps);
            notes = List.copyOf(notes);
        }
    }

    /**
     * One step of a run: what it did and what its check saw, on one line; its entries below.
     *
     * @param number the step
     * @param action what it ran
     * @param result how it ended, with its check ({@code passed: exit_code == 0; observed ...}), or
     *     {@code running}
     * @param css its status, as a CSS class
     * @param at when it started, since the incident opened
     * @param full when it started, in full
     * @param entries every entry of the step, attempts included
     */
    public record StepLine(
            int number,
            String action,
            String result,
            String css,
            String at,
            String full,
            List<Entry> entries) {

        public StepLine {
            entries = List.copyOf(entries);
        }
    }
}

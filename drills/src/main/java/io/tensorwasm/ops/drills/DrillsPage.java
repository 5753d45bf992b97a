package io.tensorwasm.ops.drills;

import io.tensorwasm.ops.engine.model.Texts;
import io.tensorwasm.ops.oncall.paging.TestPages;
import io.tensorwasm.ops.oncall.run.Readable;
import java.util.List;

/**
 * The drills page: each drill with its schedule and next run, the test pages waiting for an
 * acknowledgement, and every node's runs with their checks, newest first.
 *
 * @param drills the drills and their schedules
 * @param testPages test pages the paging drill waits on
 * @param runs recent runs, newest first
 * @param notice what the last action did, or empty
 * @param node the node that rendered the page
 */
public record DrillsPage(
        List<Drill> drills, List<TestPage> testPages, List<Run> runs, String notice, String node) {

    /**
     * One drill.
     *
     * @param name its name
     * @param description what it checks
     * @param schedule its cron expression, or {@code off}
     * @param next when it is next due, or a dash
     */
    public record Drill(String name, String description, String schedule, String next) {}

    /**
     * A test page waiting for its acknowledgement.
     *
     * @param id its number
     * @param person who was paged
     * @param sent when
     * @param deadline when the drill stops waiting
     */
    public record TestPage(long id, String person, String sent, String deadline) {}

    /**
     * One run.
     *
     * @param id its number
     * @param drill which drill
     * @param started when
     * @param outcome running, passed, failed or interrupted
     * @param duration how long it took, or a dash
     * @param trigger schedule or manual
     * @param node the node that ran it
     * @param summary which checks failed, or how many passed
     * @param checks every check
     */
    public record Run(
            long id,
            String drill,
            String started,
            String outcome,
            String duration,
            String trigger,
            String node,
            String summary,
            List<Check> checks) {}

    /**
     * One check of a run.
     *
     * @param name what was checked
     * @param outcome passed or failed
     * @param observed what was seen
     * @param took how long it took
     */
    public record Check(String name, String outcome, String observed, String took) {}

    /** The page from the drills' state. */
    public static DrillsPage of(
            List<Drills.Scheduled> drills,
            List<TestPages.TestPage> pages,
            List<DrillRun> runs,
            String notice,
            String node) {
        return new DrillsPage(
                drills.stream()
                        .map(
                                d ->
                                        new Drill(
                                                d.name(),
                                                d.description(),
                                                d.cron(),
                                                d.next().map(Texts::utc).orElse("-")))
                        .toList(),
                pages.stream()
                        .map(
                                p ->
                                        new TestPage(
                                                p.id(),
                                                p.person() + " (" + p.tier().label() + ")",
                                                Texts.utc(p.sentAt()),
                                                Texts.utc(p.ackDeadline())))
                        .toList(),
                runs.stream().map(DrillsPage::run).toList(),
                notice,
                node);
    }

    private static Run run(DrillRun r) {
        return new Run(
                r.id(),
                r.drill(),
                Texts.utc(r.startedAt()),
                r.outcome(),
                r.duration().map(Readable::duration).orElse("-"),
                r.trigger(),
                r.node(),
                r.summary(),
                r.checks().stream().map(DrillsPage::check).toList());
    }

    private static Check check(DrillCheck c) {
        return new Check(
                c.name(),
                c.passed() ? "passed" : "failed",
                c.observed(),
                Readable.duration(c.took()));
    }
}

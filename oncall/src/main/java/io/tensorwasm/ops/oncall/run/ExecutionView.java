package io.tensorwasm.ops.oncall.run;

import io.tensorwasm.ops.engine.exec.Resumption;
import io.tensorwasm.ops.engine.model.Durations;
import io.tensorwasm.ops.engine.model.Mode;
import io.tensorwasm.ops.engine.model.RunStatus;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.model.Step;
import io.tensorwasm.ops.engine.model.StepResult;
import io.tensorwasm.ops.engine.model.Texts;
import io.tensorwasm.ops.engine.store.ExecutionRecord;
import io.tensorwasm.ops.engine.store.ExecutionStore;
import io.tensorwasm.ops.engine.store.ExecutionSummary;
import io.tensorwasm.ops.oncall.access.Principal;
import io.tensorwasm.ops.oncall.access.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds an {@link ExecutionPage} from the record, the runbook, the polls and the live run. */
public final class ExecutionView {

    private static final int POLLS_SHOWN = 12;

    private ExecutionView() {}

    /**
     * The runbook as the execution ran it: its pinned text read again, or empty when it ran before
     * texts were pinned or its text no longer reads. The execution page's timeline and the incident
     * export take each step's estimate from it.
     */
    public static Optional<Runbook> ran(ExecutionStore store, ExecutionSummary summary) {
        try {
            return store.runbookText(summary.contentHash()).map(Resumption::pinned);
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /**
     * What an execution's page shows, read on a worker.
     *
     * @param record the execution as recorded
     * @param ran the runbook as the execution ran it, if its text was pinned
     * @param runbook the runbook as the catalogue has it now, if it still does
     * @param polls its checks' polls
     * @param live the run's state when it runs in this console
     * @param label who started it and how it ended, in the console's words
     * @param viewer who looks
     * @param now the time now
     */
    public record Facts(
            ExecutionRecord record,
            Optional<Runbook> ran,
            Optional<Runbook> runbook,
            List<CheckPolls.Poll> polls,
            Optional<LiveRun.Snapshot> live,
            RunLabels.Label label,
            Principal viewer,
            Instant now) {}

    /** The page of a recorded execution. */
    public static ExecutionPage page(Facts f) {
        ExecutionRecord record = f.record();
        Optional<Runbook> runbook = f.runbook();
        ExecutionSummary s = record.summary();
        Instant end = s.finished().orElse(f.now());
        ExecutionPage.Run run =
                new ExecutionPage.Run(
                        s.id(),
                        s.runbookId(),
                        runbook.map(Runbook::title).orElse(s.runbookId()),
                        s.mode().word(),
                        f.label().outcome(),
                        f.label().css(),
                        f.label().startedBy(),
                        f.label().incidentId(),
                        s.target(),
                        Readable.instant(s.started()),
                        Readable.duration(Duration.between(s.started(), end)),
                        Durations.format(s.estimated()),
                        s.sla().map(Durations::format).orElse(""),
                        s.pastSla(),
                        s.summary(),
                        runbook.map(r -> !r.contentHash().equals(s.contentHash())).orElse(false),
                        f.ran().isPresent());
        boolean dryRun = s.mode() == Mode.DRY_RUN;
        List<ExecutionPage.StepRow> steps =
                record.steps().stream().map(r -> row(r, dryRun)).toList();
        return new ExecutionPage(
                run,
                steps,
                timeline(record, f.ran().or(() -> runbook)),
                record.members().stream().map(m -> lane(m, dryRun)).toList(),
                checks(f.polls(), s.started()),
                f.live()
                        .filter(l -> !l.finished() && s.status() == RunStatus.RUNNING)
                        .map(l -> live(l, f.viewer()))
                        .orElse(null));
    }

    private static ExecutionPage.Lane lane(ExecutionRecord.MemberSteps m, boolean dryRun) {
        return new ExecutionPage.Lane(
                m.member(), m.batch(), m.steps().stream().map(r -> row(r, dryRun)).toList());
    }

    private static ExecutionPage.StepRow row(StepResult r, boolean dryRun) {
        return new ExecutionPage.StepRow(
                r.step(),
                r.action(),
                r.status().word(),
                r.check().expected(),
                dryRun ? r.check().outcome().planned() : r.check().outcome().word(),
                r.check().observed(),
                r.attempts(),
                r.approver(),
                r.note(),
                r.output(),
                dryRun ? "" : Readable.duration(r.duration()),
                r.member());
    }

    /** Every step of the runbook in order, with the time its last attempt took when it ran. */
    private static Timeline timeline(ExecutionRecord record, Optional<Runbook> runbook) {
        Map<Integer, StepResult> ran = new LinkedHashMap<>();
        record.steps().forEach(r -> ran.put(r.step(), r));
        boolean dryRun = record.summary().mode() == Mode.DRY_RUN;
        List<Timeline.Line> lines = new ArrayList<>();
        if (runbook.isPresent()) {
            for (Step step : runbook.get().steps()) {
                StepResult result = ran.get(step.number());
                lines.add(
                        new Timeline.Line(
                                step.number(),
                                step.action().text(),
                                step.estimate(),
                                result == null || dryRun ? null : result.duration(),
                                result == null ? "pending" : result.status().word()));
            }
        } else {
            ran.values()
                    .forEach(
                            r ->
                                    lines.add(
                                            new Timeline.Line(
                                                    r.step(),
                                                    r.action(),
                                                    Duration.ZERO,
                                                    dryRun ? null : r.duration(),
                                                    r.status().word())));
        }
        return Timeline.of(lines);
    }

    private static List<ExecutionPage.CheckRow> checks(
            List<CheckPolls.Poll> polls, Instant started) {
        Map<Integer, List<CheckPolls.Poll>> byStep = new LinkedHashMap<>();
        polls.forEach(p -> byStep.computeIfAbsent(p.step(), k -> new ArrayList<>()).add(p));
        List<ExecutionPage.CheckRow> rows = new ArrayList<>();
        byStep.forEach(
                (step, list) -> {
                    List<CheckPolls.Poll> read =
                            list.stream().filter(p -> p.reading() != null).toList();
                    Sparkline sparkline =
                            read.isEmpty()
                                    ? null
                                    : Sparkline.of(
                                            read.get(read.size() - 1).reading().name(),
                                            read.stream().map(p -> p.reading().value()).toList());
                    List<ExecutionPage.PollRow> shown =
                            list
                                    .subList(Math.max(0, list.size() - POLLS_SHOWN), list.size())
                                    .stream()
                                    .map(
                                            p ->
                                                    new ExecutionPage.PollRow(
                                                            p.attempt(),
                                                            p.poll(),
                                                            Texts.since(
                                                                    Duration.between(
                                                                            started, p.at())),
                                                            Readable.instant(p.at()),
                                                            p.verdict(),
                                                            p.observed()))
                                    .toList();
                    rows.add(
                            new ExecutionPage.CheckRow(
                                    step, sparkline, shown, list.size() - shown.size()));
                });
        return rows;
    }

    private static ExecutionPage.Live live(LiveRun.Snapshot snapshot, Principal viewer) {
        return new ExecutionPage.Live(
                snapshot.lastEvent(),
                snapshot.pending(),
                snapshot.abort() == null ? "" : snapshot.abort().person(),
                viewer.role().includes(Role.APPROVER),
                viewer.role().includes(Role.OPERATOR),
                viewer.role().label());
    }
}

package io.tensorwasm.ops.engine.exec;

import io.tensorwasm.ops.engine.model.Mode;
import io.tensorwasm.ops.engine.model.RunStatus;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.model.StepResult;
import io.tensorwasm.ops.engine.model.Trigger;
import io.tensorwasm.ops.engine.parse.Catalog;
import io.tensorwasm.ops.engine.store.Continuation;
import io.tensorwasm.ops.engine.store.ExecutionRecord;
import io.tensorwasm.ops.engine.store.ExecutionStore;
import io.tensorwasm.ops.engine.store.ExecutionSummary;
import io.tensorwasm.ops.engine.store.Lineage;
import io.tensorwasm.ops.engine.store.RunbookText;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;

/**
 * Resume and re-run (issue #19): prepares the continuation of an execution that stopped, from the
 * step that stopped it or from a step a person chooses. The continuation runs the text its parent
 * ran (or, by an explicit choice, the current page), with the parent's parameters, vars and target,
 * and with the results of the parent's earlier steps for {@code {steps.N...}}, so those steps never
 * run again. It is a run of its own, interactive, started by the person who resumed it and linked
 * to its parent with the reason.
 *
 * <pre>{@code
 * Resumption.Prepared next = Resumption.prepare(store, new Resumption.Ask(12, OptionalInt.empty(),
 *         "ana", "the disk is free again", false), catalogue::runbook);
 * new Executor(context).run(next.runbook(), next.request());
 * }</pre>
 */
public final class Resumption {

    /** The outcomes after which an execution may be continued. */
    public static final Set<RunStatus> RESUMABLE =
            EnumSet.of(
                    RunStatus.FAILED,
                    RunStatus.ESCALATED,
                    RunStatus.ABORTED,
                    RunStatus.PAUSED,
                    RunStatus.INTERRUPTED);

    private Resumption() {}

    /**
     * What a person asks.
     *
     * @param executionId the execution to continue
     * @param fromStep the step to start at; empty for the step that stopped it
     * @param person who resumes it
     * @param reason why
     * @param currentVersion true to run the runbook's current page instead of the pinned text
     */
    public record Ask(
            long executionId,
            OptionalInt fromStep,
            String person,
            String reason,
            boolean currentVersion) {}

    /**
     * A continuation ready to run.
     *
     * @param runbook the version it runs
     * @param request the request: interactive, the parent's target and inputs, its parent
     * @param parent the execution it continues
     */
    public record Prepared(Runbook runbook, RunRequest request, ExecutionSummary parent) {

        /** One line for the person: {@code continues execution 5 from step 3 (pinned version)}. */
        public String describe() {
            Continuation k = request.continuation().orElseThrow();
            return "continues execution "
                    + k.parentId()
                    + " from step "
                    + k.fromStep()
                    + " ("
                    + k.versionWord()
                    + " version)";
        }
    }

    /**
     * Prepares the continuation of an execution.
     *
     * @param current the runbooks as the catalogue has them now, by id
     * @throws IllegalArgumentException when there is no such execution or step, or no reason
     * @throws IllegalStateException when the execution may not be resumed, saying why
     */
    public static Prepared prepare(
            ExecutionStore store, Ask ask, Function<String, Optional<Runbook>> current) {
        store.markInterrupted(Instant.now());
        ExecutionRecord record =
                store.find(ask.executionId())
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "no execution " + ask.executionId()));
        ExecutionSummary parent = record.summary();
        refuse(parent);
        Lineage lineage = store.lineage(parent.id()).orElseThrow();
        Runbook runbook = version(store, parent, ask.currentVersion(), current);
        int from = ask.fromStep().orElseGet(() -> stoppedAt(record, lineage));
        if (runbook.step(from).isEmpty()) {
            throw new IllegalArgumentException(
                    from
                            + ": "
                            + runbook.id()
                            + " has no step "
                            + from
                            + " in the version resumed");
        }
        Map<Integer, Map<String, Object>> inherited = new LinkedHashMap<>();
        store.stepValues(parent.id())
                .forEach(
                        (step, values) -> {
                            if (step < from) {
                                inherited.put(step, values);
                            }
                        });
        Continuation continuation =
                new Continuation(
                        parent.id(),
                        from,
                        ask.person(),
                        ask.reason(),
                        ask.currentVersion(),
                        inherited);
        RunRequest request =
                new RunRequest(
                        Mode.INTERACTIVE,
                        Trigger.person(ask.person()),
                        parent.target(),
                        from,
                        lineage.params(),
                        lineage.vars(),
                        Optional.of(continuation),
                        false);
        return new Prepared(runbook, request, parent);
    }

    private static void refuse(ExecutionSummary parent) {
        if (parent.mode() == Mode.DRY_RUN || parent.mode() == Mode.SHADOW) {
            throw new IllegalStateException(
                    "execution "
                            + parent.id()
                            + " is a "
                            + parent.mode().word()
                            + " run, which changed nothing; start a run instead");
        }
        if (!RESUMABLE.contains(parent.status())) {
            throw new IllegalStateException(
                    "execution "
                            + parent.id()
                            + " is "
                            + parent.status().word()
                            + "; only a failed, escalated, aborted, paused or interrupted"
                            + " execution can be resumed");
        }
    }

    /** The pinned text of the parent, or by choice the current page. */
    private static Runbook version(
            ExecutionStore store,
            ExecutionSummary parent,
            boolean currentVersion,
            Function<String, Optional<Runbook>> current) {
        if (currentVersion) {
            return current.apply(parent.runbookId())
                    .orElseThrow(
                            () ->
                                    new IllegalStateException(
                                            parent.runbookId()
                                                    + " is not in the catalogue any more; resume"
                                                    + " it on the version it ran"));
        }
        RunbookText text =
                store.runbookText(parent.contentHash())
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                "execution "
                                                        + parent.id()
                                                        + " ran before versions were pinned, so"
                                                        + " its text is not stored; resume it on"
                                                        + " the current page by choice"));
        return pinned(text);
    }

    /** The runbook a pinned text holds. */
    public static Runbook pinned(RunbookText text) {
        List<Runbook> read = Catalog.lint(Path.of(text.fileName()), text.text()).runbooks();
        return read.stream()
                .filter(r -> r.id().equals(text.runbookId()))
                .findFirst()
                .orElseThrow(
                        () ->
                                new IllegalStateException(
                                        "the pinned text of "
                                                + text.runbookId()
                                                + " no longer reads as that runbook"));
    }

    /**
     * The step that stopped an execution: the one it started last, or for a run recorded before
     * that was kept, its last recorded step that did not pass, else the one after its last.
     */
    static int stoppedAt(ExecutionRecord record, Lineage lineage) {
        if (lineage.lastStep().isPresent()) {
            return lineage.lastStep().getAsInt();
        }
        List<StepResult> steps = record.steps();
        if (steps.isEmpty()) {
            return 1;
        }
        StepResult last = steps.get(steps.size() - 1);
        boolean passed =
                last.status() == StepResult.Status.PASSED
                        || last.status() == StepResult.Status.SKIPPED;
        return passed ? last.step() + 1 : last.step();
    }
}

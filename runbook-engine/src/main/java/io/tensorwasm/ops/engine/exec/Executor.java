package io.tensorwasm.ops.engine.exec;

import io.tensorwasm.ops.engine.model.Action;
import io.tensorwasm.ops.engine.model.Automation;
import io.tensorwasm.ops.engine.model.Branch;
import io.tensorwasm.ops.engine.model.CheckResult;
import io.tensorwasm.ops.engine.model.GuardrailException;
import io.tensorwasm.ops.engine.model.Mode;
import io.tensorwasm.ops.engine.model.RunStatus;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.model.Step;
import io.tensorwasm.ops.engine.model.StepResult;
import io.tensorwasm.ops.engine.store.NewExecution;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs runbooks in a {@link RunContext}: a dry run ({@link #plan}), an interactive run where a
 * person approves each step, or an automatic run under the store's guardrails. Every run that is
 * not a dry run is recorded step by step.
 *
 * <pre>{@code
 * Executor executor = new Executor(context);
 * Plan plan = executor.plan(runbook, true);                     // dry run with a probe
 * ExecutionReport report = executor.run(runbook, RunRequest.automatic(fingerprint));
 * }</pre>
 *
 * <p>This class is the boundary of a run: it alone catches what an action throws, records it as the
 * step's failure and goes on by the step's On failure.
 */
public final class Executor {

    private static final Logger logger = LoggerFactory.getLogger(Executor.class);
    private static final int MAX_JUMPS = 50;

    private final RunContext context;
    private final ActionRunner actions;
    private final CheckPoller poller;

    public Executor(RunContext context) {
        this.context = context;
        this.actions = new ActionRunner(context);
        this.poller = new CheckPoller(context, actions);
    }

    /**
     * The dry run: no side effects; with {@code probe}, read-only steps run once for live values.
     */
    public Plan plan(Runbook runbook, boolean probe) {
        List<Plan.Planned> steps = new ArrayList<>();
        for (Step step : runbook.steps()) {
            String probed =
                    probe && step.action().readOnly() && !(step.action() instanceof Action.Wait)
                            ? probe(runbook, step)
                            : "";
            steps.add(
                    new Plan.Planned(
                            step.number(),
                            step.action().text(),
                            step.check().map(c -> c.text()).orElse(""),
                            step.estimate(),
                            step.check().map(c -> c.machineCheckable()).orElse(true),
                            step.needsPerson(),
                            probed));
        }
        return new Plan(
                runbook.id(),
                runbook.title(),
                steps,
                runbook.estimatedTotal(),
                runbook.metadata().sla());
    }

    private String probe(Runbook runbook, Step step) {
        try {
            ActionOutcome outcome =
                    actions.perform(runbook, step.action(), runbook.metadata().defaultTarget());
            String output = Redactor.excerpt(outcome.output());
            if (step.check().isEmpty() || !step.check().get().machineCheckable()) {
                return output.isEmpty() ? "ran" : output;
            }
            var evaluation = poller.evaluate(runbook, step.check().get().expression(), outcome);
            return (evaluation.holds()
                            ? "holds"
                            : evaluation.verdict().name().toLowerCase(java.util.Locale.ROOT))
                    + ": "
                    + Redactor.redact(evaluation.observed());
        } catch (RuntimeException e) {
            return "error: " + Redactor.redact(String.valueOf(e.getMessage()));
        }
    }

    /**
     * Runs a runbook interactively or automatically and records it.
     *
     * @throws GuardrailException when an automatic run is refused, before anything runs
     */
    public ExecutionReport run(Runbook runbook, RunRequest request) {
        if (request.mode() == Mode.DRY_RUN) {
            throw new IllegalArgumentException(
                    "a dry run has no side effects and is no execution; use plan()");
        }
        boolean automatic = request.mode() == Mode.AUTOMATIC;
        if (automatic && runbook.metadata().automation() != Automation.AUTO) {
            throw new GuardrailException(
                    runbook.id()
                            + ": automation is \""
                            + runbook.metadata().automation().word()
                            + "\"; only runbooks with automation: auto run automatically");
        }
        if (runbook.step(request.fromStep()).isEmpty()) {
            throw new IllegalArgumentException(
                    request.fromStep() + ": " + runbook.id() + " has no such step");
        }
        String target =
                request.target().isEmpty() ? runbook.metadata().defaultTarget() : request.target();
        Instant started = context.clock().instant();
        long id =
                context.store()
                        .begin(
                                new NewExecution(
                                        runbook.id(),
                                        runbook.contentHash(),
                                        request.mode(),
                                        request.trigger(),
                                        target,
                                        started,
                                        runbook.estimatedTotal(),
                                        runbook.metadata().sla(),
                                        automatic
                                                ? Optional.of(runbook.metadata().guardrails())
                                                : Optional.empty()));
        Run run = new Run(runbook, request, id, target);
        context.listener().runStarted(runbook, id);
        ScheduledExecutorService heartbeat =
                Executors.newSingleThreadScheduledExecutor(
                        r -> daemon(r, "heartbeat of execution " + id));
        long every = context.heartbeatEvery().toMillis();
        heartbeat.scheduleAtFixedRate(
                () -> context.store().heartbeat(id, context.clock().instant()),
                every,
                every,
                TimeUnit.MILLISECONDS);
        try {
            run.status = steps(run);
        } finally {
            heartbeat.shutdownNow();
        }
        ExecutionReport report =
                new ExecutionReport(
                        id,
                        runbook.id(),
                        request.mode(),
                        run.status,
                        run.results,
                        started,
                        context.clock().instant(),
                        runbook.estimatedTotal(),
                        runbook.metadata().sla(),
                        Redactor.redact(run.summary));
        context.store().finish(id, report.status(), report.finished(), summaryWithSla(report));
        context.listener().runFinished(report);
        logger.info("execution {} of {} {}", id, runbook.id(), report.status().word());
        return report;
    }

    private static String summaryWithSla(ExecutionReport report) {
        return report.pastSla() ? report.summary() + " (past its SLA)" : report.summary();
    }

    private RunStatus steps(Run run) {
        List<Step> steps = run.runbook.steps();
        int index = steps.indexOf(run.runbook.step(run.request.fromStep()).orElseThrow());
        int jumps = 0;
        while (index < steps.size()) {
            Step step = steps.get(index);
            Next next = step(run, step);
            switch (next.kind) {
                case NEXT -> index++;
                case GOTO -> {
                    if (++jumps > MAX_JUMPS) {
                        run.summary =
                                "stopped after "
                                        + MAX_JUMPS
                                        + " jumps between steps; the runbook loops";
                        return RunStatus.FAILED;
                    }
                    index = steps.indexOf(run.runbook.step(next.step).orElseThrow());
                }
                default -> {
                    return finish(run, step, next);
                }
            }
        }
        run.summary =
                run.failedOver.isEmpty()
                        ? "every step done"
                        : "done; failures passed over at steps " + run.failedOver;
        return RunStatus.SUCCEEDED;
    }

    private RunStatus finish(Run run, Step step, Next next) {
        switch (next.kind) {
            case END -> {
                run.summary = "ended at step " + step.number() + ": " + next.message;
                return RunStatus.SUCCEEDED;
            }
            case ABORT -> {
                run.summary = next.message;
                return next.failed ? RunStatus.FAILED : RunStatus.ABORTED;
            }
            case ESCALATE, PAUSE -> {
                String message =
                        next.message
                                + (run.runbook.escalation().isEmpty()
                                        ? ""
                                        : "; " + run.runbook.escalation());
                context.pager()
                        .page(
                                new Escalation(
                                        run.runbook.metadata().severity(),
                                        run.runbook.id(),
                                        run.id,
                                        message,
                                        run.evidence));
                run.summary = next.message + "; paged " + run.runbook.metadata().severity();
                return next.kind == Kind.PAUSE ? RunStatus.PAUSED : RunStatus.ESCALATED;
            }
            default -> {
                return other(run, next);
            }
        }
    }

    private RunStatus other(Run run, Next next) {
        Optional<Runbook> other = context.catalog().apply(next.runbook);
        if (other.isEmpty()) {
            run.summary =
                    "the answer leads to runbook "
                            + next.runbook
                            + ", which this catalogue does not have";
            return RunStatus.FAILED;
        }
        try {
            ExecutionReport continued =
                    run(
                            other.get(),
                            new RunRequest(
                                    run.request.mode(), run.request.trigger(), run.target, 1));
            run.summary =
                    "continued in runbook "
                            + next.runbook
                            + " (execution "
                            + continued.executionId()
                            + ", "
                            + continued.status().word()
                            + ")";
            return continued.status();
        } catch (GuardrailException e) {
            run.summary = "cannot continue in runbook " + next.runbook + ": " + e.getMessage();
            return RunStatus.FAILED;
        }
    }

    private Next step(Run run, Step step) {
        Instant started = context.clock().instant();
        context.listener().stepStarted(run.runbook, step, 1);
        String approver = "";
        if (run.request.mode() == Mode.INTERACTIVE) {
            Decision decision = context.approvals().review(run.runbook, step);
            approver = decision.person();
            if (decision.verdict() != Decision.Verdict.APPROVE) {
                boolean skip = decision.verdict() == Decision.Verdict.SKIP;
                record(
                        run,
                        step,
                        new StepResult(
                                step.number(),
                                step.action().text(),
                                skip ? StepResult.Status.SKIPPED : StepResult.Status.ABORTED,
                                skipped(step),
                                started,
                                context.clock().instant(),
                                0,
                                approver,
                                (skip ? "skipped by " : "aborted by ")
                                        + approver
                                        + ": "
                                        + decision.reason(),
                                ""));
                return skip
                        ? Next.NEXT_STEP
                        : Next.abort(
                                "aborted by "
                                        + approver
                                        + " at step "
                                        + step.number()
                                        + ": "
                                        + decision.reason(),
                                false);
            }
        } else if (step.needsPerson()) {
            String why = "step " + step.number() + " (" + step.action().text() + ") needs a person";
            record(
                    run,
                    step,
                    new StepResult(
                            step.number(),
                            step.action().text(),
                            StepResult.Status.PAUSED,
                            skipped(step),
                            started,
                            context.clock().instant(),
                            0,
                            "",
                            why,
                            ""));
            return new Next(
                    Kind.PAUSE,
                    0,
                    "",
                    why + "; resume with an interactive run from step " + step.number(),
                    false);
        }
        return attempts(run, step, started, approver);
    }

    private Next attempts(Run run, Step step, Instant started, String approver) {
        int attempts = 0;
        Attempt attempt;
        do {
            attempts++;
            if (attempts > 1) {
                context.listener().stepStarted(run.runbook, step, attempts);
            }
            attempt = attempt(run, step);
        } while (!attempt.passed()
                && attempt.branch == null
                && attempts <= step.onFailure().retries());
        StepResult.Status status =
                attempt.passed() ? StepResult.Status.PASSED : StepResult.Status.FAILED;
        String note =
                attempt.branch != null
                        ? "answer: " + attempt.branch.answer()
                        : attempt.passed()
                                ? ""
                                : "failed after "
                                        + attempts
                                        + (attempts == 1 ? " attempt" : " attempts");
        record(
                run,
                step,
                new StepResult(
                        step.number(),
                        step.action().text(),
                        status,
                        attempt.check,
                        started,
                        context.clock().instant(),
                        attempts,
                        approver,
                        note,
                        Redactor.excerpt(attempt.output)));
        if (attempt.branch != null) {
            Branch b = attempt.branch;
            return b.ends()
                    ? new Next(Kind.END, 0, "", "answer " + b.answer(), false)
                    : b.step() > 0
                            ? new Next(Kind.GOTO, b.step(), "", "", false)
                            : new Next(Kind.RUNBOOK, 0, b.runbook(), "", false);
        }
        if (attempt.passed()) {
            return Next.NEXT_STEP;
        }
        String what =
                "step "
                        + step.number()
                        + " failed: "
                        + (attempt.check.expected().isEmpty()
                                ? Redactor.excerpt(attempt.output)
                                : attempt.check.expected()
                                        + "; observed "
                                        + attempt.check.observed());
        return switch (step.onFailure().then()) {
            case ABORT -> Next.abort(what, true);
            case ESCALATE -> new Next(Kind.ESCALATE, 0, "", what, true);
            case GOTO -> new Next(Kind.GOTO, step.onFailure().gotoStep(), "", what, true);
            case CONTINUE -> {
                run.failedOver.add(step.number());
                yield Next.NEXT_STEP;
            }
        };
    }

    /** One try of the action and its check. The boundary: what an action throws is its failure. */
    private Attempt attempt(Run run, Step step) {
        Action action = step.action();
        try {
            if (action instanceof Action.Confirm c) {
                boolean holds = context.approvals().confirm(run.runbook, step, c.prompt());
                return new Attempt(
                        holds ? CheckResult.none() : failed(c.prompt(), "not confirmed"),
                        holds ? "confirmed" : "not confirmed",
                        null);
            }
            if (action instanceof Action.Decide d) {
                return decide(run, step, d);
            }
            ActionOutcome outcome = actions.perform(run.runbook, action, run.target);
            if (step.check().isEmpty()) {
                return new Attempt(
                        outcome.ok() ? CheckResult.none() : failed("", outcome.output()),
                        outcome.output(),
                        null);
            }
            var check = step.check().get();
            if (!check.machineCheckable()) {
                boolean holds =
                        run.request.mode() == Mode.INTERACTIVE
                                && context.approvals().confirm(run.runbook, step, check.prose());
                return new Attempt(
                        new CheckResult(
                                holds ? CheckResult.Outcome.PASSED : CheckResult.Outcome.FAILED,
                                check.text(),
                                holds ? "confirmed by a person" : "not confirmed",
                                0,
                                java.time.Duration.ZERO),
                        outcome.output(),
                        null);
            }
            CheckResult result =
                    poller.check(
                            run.runbook,
                            step,
                            check,
                            outcome,
                            () -> actions.perform(run.runbook, action, run.target));
            return new Attempt(result, outcome.output(), null);
        } catch (RuntimeException e) {
            logger.debug("step {} of {} threw", step.number(), run.runbook.id(), e);
            return new Attempt(
                    new CheckResult(
                            CheckResult.Outcome.ERROR,
                            step.check().map(c -> c.text()).orElse(""),
                            Redactor.redact(String.valueOf(e.getMessage())),
                            0,
                            java.time.Duration.ZERO),
                    String.valueOf(e.getMessage()),
                    null);
        }
    }

    private Attempt decide(Run run, Step step, Action.Decide decide) {
        String answer;
        CheckResult check = CheckResult.none();
        if (step.check().isPresent()) {
            check =
                    poller.check(
                            run.runbook,
                            step,
                            step.check().get(),
                            new ActionOutcome(true, java.util.Map.of(), ""),
                            () -> new ActionOutcome(true, java.util.Map.of(), ""));
            if (check.outcome() == CheckResult.Outcome.ERROR) {
                return new Attempt(check, "", null);
            }
            answer = check.passed() ? "yes" : "no";
            check =
                    new CheckResult(
                            CheckResult.Outcome.PASSED,
                            check.expected(),
                            check.observed() + " -> " + answer,
                            check.polls(),
                            check.elapsed());
        } else {
            answer =
                    context.approvals()
                            .choose(run.runbook, step, decide.question(), decide.answers());
        }
        String chosen = answer;
        Branch branch =
                decide.branches().stream()
                        .filter(b -> b.answer().equals(chosen))
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                "\""
                                                        + chosen
                                                        + "\" is not an answer of step "
                                                        + step.number()));
        return new Attempt(check, decide.question() + " " + chosen, branch);
    }

    private void record(Run run, Step step, StepResult result) {
        run.results.add(result);
        run.evidence.add(
                "step "
                        + result.step()
                        + " "
                        + result.action()
                        + ": "
                        + result.status().word()
                        + (result.check().observed().isEmpty()
                                ? ""
                                : " (observed " + result.check().observed() + ")"));
        context.store().recordStep(run.id, result);
        context.listener().stepFinished(run.runbook, step, result);
    }

    private static CheckResult skipped(Step step) {
        return new CheckResult(
                CheckResult.Outcome.SKIPPED,
                step.check().map(c -> c.text()).orElse(""),
                "",
                0,
                java.time.Duration.ZERO);
    }

    private static CheckResult failed(String expected, String observed) {
        return new CheckResult(
                CheckResult.Outcome.FAILED,
                expected,
                Redactor.redact(observed),
                1,
                java.time.Duration.ZERO);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private enum Kind {
        NEXT,
        GOTO,
        END,
        ABORT,
        ESCALATE,
        PAUSE,
        RUNBOOK
    }

    private record Next(Kind kind, int step, String runbook, String message, boolean failed) {
        static final Next NEXT_STEP = new Next(Kind.NEXT, 0, "", "", false);

        static Next abort(String message, boolean failed) {
            return new Next(Kind.ABORT, 0, "", message, failed);
        }
    }

    private record Attempt(CheckResult check, String output, Branch branch) {
        boolean passed() {
            return check.passed();
        }
    }

    private static final class Run {
        final Runbook runbook;
        final RunRequest request;
        final long id;
        final String target;
        final List<StepResult> results = new ArrayList<>();
        final List<String> evidence = new ArrayList<>();
        final List<Integer> failedOver = new ArrayList<>();
        RunStatus status = RunStatus.RUNNING;
        String summary = "";

        Run(Runbook runbook, RunRequest request, long id, String target) {
            this.runbook = runbook;
            this.request = request;
            this.id = id;
            this.target = target;
        }
    }
}

package io.tensorwasm.ops.engine.exec;

import io.tensorwasm.ops.engine.model.Action;
import io.tensorwasm.ops.engine.model.Branch;
import io.tensorwasm.ops.engine.model.CheckResult;
import io.tensorwasm.ops.engine.model.Mode;
import io.tensorwasm.ops.engine.model.OnFailure;
import io.tensorwasm.ops.engine.model.Step;
import io.tensorwasm.ops.engine.model.StepResult;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one step: asks the person in an interactive run, pauses an automatic run at a step that
 * needs a person, then tries the action and its check as often as On failure allows, records the
 * result and says where the run goes next. It is the boundary of a step: it alone catches what an
 * action throws, and records it as the step's failure.
 */
final class StepRunner {

    private static final Logger logger = LoggerFactory.getLogger(StepRunner.class);

    private final RunContext context;
    private final ActionRunner actions;
    private final CheckPoller poller;

    StepRunner(RunContext context, ActionRunner actions, CheckPoller poller) {
        this.context = context;
        this.actions = actions;
        this.poller = poller;
    }

    Next run(RunState run, Step step) {
        Instant started = context.clock().instant();
        context.listener().stepStarted(run.runbook, step, 1);
        Optional<String> manual = actions.manual(step, run.target);
        if (run.request.mode() != Mode.INTERACTIVE) {
            if (!step.needsPerson() && manual.isEmpty()) {
                return attempts(run, step, started, "");
            }
            String why =
                    "step "
                            + step.number()
                            + " ("
                            + step.action().text()
                            + ") needs a person"
                            + manual.map(m -> ": " + m).orElse("");
            notRun(run, step, started, StepResult.Status.PAUSED, "", why);
            String resume = "; resume with an interactive run from step " + step.number();
            return new Next(Next.Kind.PAUSE, 0, "", why + resume, false);
        }
        Decision decision =
                context.approvals()
                        .review(
                                run.runbook,
                                step,
                                actions.preview(run.runbook, step, run.values, run.target));
        String person = decision.person();
        switch (decision.verdict()) {
            case SKIP -> {
                String note = "skipped by " + person + ": " + decision.reason();
                notRun(run, step, started, StepResult.Status.SKIPPED, person, note);
                return Next.NEXT_STEP;
            }
            case ABORT -> {
                String note = "aborted by " + person + ": " + decision.reason();
                notRun(run, step, started, StepResult.Status.ABORTED, person, note);
                String where = " at step " + step.number() + ": ";
                return Next.abort("aborted by " + person + where + decision.reason(), false);
            }
            default -> {
                return attempts(run, step, started, person);
            }
        }
    }

    /** Records a step that did not run: skipped, aborted before it, or paused. */
    private void notRun(
            RunState run,
            Step step,
            Instant started,
            StepResult.Status status,
            String approver,
            String note) {
        CheckResult none =
                new CheckResult(
                        CheckResult.Outcome.SKIPPED,
                        step.check().map(c -> c.text()).orElse(""),
                        "",
                        0,
                        java.time.Duration.ZERO);
        StepResult result =
                new StepResult(
                        step.number(),
                        step.action().text(),
                        status,
                        none,
                        started,
                        context.clock().instant(),
                        0,
                        approver,
                        note,
                        "");
        record(run, step, result);
    }

    private Next attempts(RunState run, Step step, Instant started, String approver) {
        int attempts = 0;
        Attempt attempt;
        do {
            attempts++;
            if (attempts > 1) {
                // A retry right away rarely finds anything changed: wait one poll interval.
                ActionRunner.waitFor(context.pollInterval());
                context.listener().stepStarted(run.runbook, step, attempts);
            }
            attempt = attempt(run, step);
        } while (!attempt.passed()
                && attempt.branch == null
                && attempts <= step.onFailure().retries());
        if (attempt.values != null) {
            // Later steps read these: a secret this step saw never reaches their words.
            run.values.put(step.number(), context.redactor().redact(attempt.values));
        }
        String note =
                attempt.branch != null
                        ? "answer: " + attempt.branch.answer()
                        : attempt.passed() ? "" : "failed after " + plural(attempts, "attempt");
        Optional<String> manual = actions.manual(step, run.target);
        if (manual.isPresent()) {
            note = manual.get() + (attempt.passed() ? "" : "; not done");
        }
        if (!attempt.passed() && step.onFailure().then() == OnFailure.Then.RUNBOOK) {
            note += "; hands over to runbook " + step.onFailure().runbook();
        }
        StepResult result =
                new StepResult(
                        step.number(),
                        step.action().text(),
                        attempt.passed() ? StepResult.Status.PASSED : StepResult.Status.FAILED,
                        attempt.check,
                        started,
                        context.clock().instant(),
                        attempts,
                        approver,
                        note,
                        context.excerpt(attempt.output));
        record(run, step, result);
        return next(run, step, attempt);
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    /** Where the run goes after the last attempt: the answer's branch, on, or On failure. */
    private Next next(RunState run, Step step, Attempt attempt) {
        if (attempt.branch != null) {
            Branch b = attempt.branch;
            if (b.ends()) {
                return new Next(Next.Kind.END, 0, "", "answer " + b.answer(), false);
            }
            return b.step() > 0
                    ? new Next(Next.Kind.GOTO, b.step(), "", "", false)
                    : new Next(Next.Kind.RUNBOOK, 0, b.runbook(), "", false);
        }
        if (attempt.passed()) {
            return Next.NEXT_STEP;
        }
        String observed =
                attempt.check.expected().isEmpty()
                        ? context.excerpt(attempt.output)
                        : attempt.check.expected() + "; observed " + attempt.check.observed();
        String what = "step " + step.number() + " failed: " + observed;
        return switch (step.onFailure().then()) {
            case ABORT -> Next.abort(what, true);
            case ESCALATE -> new Next(Next.Kind.ESCALATE, 0, "", what, true);
            case GOTO -> new Next(Next.Kind.GOTO, step.onFailure().gotoStep(), "", what, true);
            case RUNBOOK -> new Next(Next.Kind.RUNBOOK, 0, step.onFailure().runbook(), what, true);
            case CONTINUE -> {
                run.failedOver.add(step.number());
                yield Next.NEXT_STEP;
            }
        };
    }

    /** One try of the action and its check. The boundary: what an action throws is its failure. */
    private Attempt attempt(RunState run, Step step) {
        Action action = step.action();
        try {
            if (action instanceof Action.Confirm c) {
                String prompt = actions.fill(run.runbook, c.prompt(), run.values);
                boolean holds = context.approvals().confirm(run.runbook, step, prompt);
                return new Attempt(
                        holds ? CheckResult.none() : failed(prompt, "not confirmed"),
                        holds ? "confirmed" : "not confirmed",
                        null,
                        null);
            }
            if (action instanceof Action.Decide d) {
                return decide(run, step, d);
            }
            Optional<String> manual = actions.manual(step, run.target);
            if (manual.isPresent()) {
                String what = actions.preview(run.runbook, step, run.values, run.target);
                boolean done =
                        context.approvals().confirm(run.runbook, step, "Done by hand: " + what);
                return new Attempt(
                        done ? CheckResult.none() : failed("", "not done by hand"),
                        done ? "done by hand" : "not done by hand",
                        null,
                        null);
            }
            ActionOutcome outcome = actions.perform(run.runbook, step, run.target, run.values);
            if (step.check().isEmpty()) {
                return new Attempt(
                        outcome.ok() ? CheckResult.none() : failed("", outcome.output()),
                        outcome.output(),
                        null,
                        outcome.variables());
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
                        null,
                        outcome.variables());
            }
            ActionOutcome[] last = {outcome};
            CheckResult result =
                    poller.check(
                            run.runbook,
                            step,
                            check,
                            outcome,
                            run.values,
                            () -> {
                                last[0] =
                                        actions.perform(run.runbook, step, run.target, run.values);
                                return last[0];
                            });
            return new Attempt(result, last[0].output(), null, last[0].variables());
        } catch (RuntimeException e) {
            // The message may hold a value a step saw: it is logged redacted, without the trace.
            logger.debug(
                    "step {} of {} threw {}: {}",
                    step.number(),
                    run.runbook.id(),
                    e.getClass().getSimpleName(),
                    context.redact(String.valueOf(e.getMessage())));
            return new Attempt(
                    new CheckResult(
                            CheckResult.Outcome.ERROR,
                            step.check().map(c -> c.text()).orElse(""),
                            context.redact(String.valueOf(e.getMessage())),
                            0,
                            java.time.Duration.ZERO),
                    String.valueOf(e.getMessage()),
                    null,
                    null);
        }
    }

    private Attempt decide(RunState run, Step step, Action.Decide decide) {
        String answer;
        CheckResult check = CheckResult.none();
        if (step.check().isPresent()) {
            check =
                    poller.check(
                            run.runbook,
                            step,
                            step.check().get(),
                            new ActionOutcome(true, java.util.Map.of(), ""),
                            run.values,
                            () -> new ActionOutcome(true, java.util.Map.of(), ""));
            if (check.outcome() == CheckResult.Outcome.ERROR) {
                return new Attempt(check, "", null, null);
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
        return new Attempt(check, decide.question() + " " + chosen, branch, null);
    }

    /** Records a step's result, redacted once here for the report, the evidence and the store. */
    private void record(RunState run, Step step, StepResult unredacted) {
        StepResult result = Redacting.result(unredacted, context.redactor());
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

    private CheckResult failed(String expected, String observed) {
        return new CheckResult(
                CheckResult.Outcome.FAILED,
                expected,
                context.redact(observed),
                1,
                java.time.Duration.ZERO);
    }

    /**
     * One try: its check's outcome, its output, the answer of a decide, and the result values that
     * later steps may read (null when the step sets none).
     */
    private record Attempt(
            CheckResult check, String output, Branch branch, Map<String, Object> values) {
        boolean passed() {
            return check.passed();
        }
    }
}

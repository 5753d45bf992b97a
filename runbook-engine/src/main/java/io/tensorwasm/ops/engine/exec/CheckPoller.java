package io.tensorwasm.ops.engine.exec;

import io.tensorwasm.ops.engine.check.CheckEvaluator;
import io.tensorwasm.ops.engine.check.Evaluation;
import io.tensorwasm.ops.engine.model.Check;
import io.tensorwasm.ops.engine.model.CheckResult;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.model.Step;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Evaluates a step's machine check: once, after a delay, or polled until true or its deadline. Each
 * poll re-reads {@code health} and metrics, and re-runs the action when it is read-only.
 */
final class CheckPoller {

    private static final Pattern HEALTH = Pattern.compile("\\bhealth\\b");

    private final RunContext context;
    private final CheckEvaluator evaluator;
    private final ActionRunner actions;

    CheckPoller(RunContext context, ActionRunner actions) {
        this.context = context;
        this.evaluator = new CheckEvaluator(context.metrics());
        this.actions = actions;
    }

    CheckResult check(
            Runbook runbook,
            Step step,
            Check check,
            ActionOutcome first,
            StepValues values,
            Supplier<ActionOutcome> rerun) {
        if (check.timing() == Check.Timing.AFTER) {
            ActionRunner.waitFor(actions.paced(check.duration()));
        }
        Instant start = context.clock().instant();
        Instant deadline =
                start.plus(
                        check.timing() == Check.Timing.WITHIN ? check.duration() : Duration.ZERO);
        ActionOutcome outcome = first;
        Evaluation evaluation;
        int polls = 0;
        while (true) {
            evaluation = evaluate(runbook, check.expression(), outcome, values);
            polls++;
            context.listener().checkPolled(runbook, step, polls, evaluation);
            Instant now = context.clock().instant();
            if (evaluation.holds() || !now.isBefore(deadline)) {
                break;
            }
            Duration left = Duration.between(now, deadline);
            ActionRunner.waitFor(
                    left.compareTo(context.pollInterval()) < 0 ? left : context.pollInterval());
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            if (step.action().readOnly()) {
                outcome = rerun.get();
            }
        }
        CheckResult.Outcome verdict =
                evaluation.holds()
                        ? CheckResult.Outcome.PASSED
                        : evaluation.verdict() == Evaluation.Verdict.ERROR
                                ? CheckResult.Outcome.ERROR
                                : CheckResult.Outcome.FAILED;
        return new CheckResult(
                verdict,
                check.text(),
                context.redact(evaluation.observed()),
                polls,
                Duration.between(start, context.clock().instant()));
    }

    /**
     * One evaluation with the action's variables, the results of earlier steps and, when named,
     * fresh health JSON.
     */
    Evaluation evaluate(
            Runbook runbook, String expression, ActionOutcome outcome, StepValues values) {
        if (!outcome.ok() && outcome.variables().isEmpty()) {
            return new Evaluation(Evaluation.Verdict.ERROR, context.redact(outcome.output()));
        }
        Map<String, Object> variables = new HashMap<>(outcome.variables());
        variables.put("steps", values.all());
        if (HEALTH.matcher(expression).find()) {
            String url =
                    actions.fill(runbook, "{runtime}", new StepValues()) + context.healthPath();
            try {
                variables.put("health", actions.get(url).get("body"));
            } catch (IOException e) {
                return new Evaluation(
                        Evaluation.Verdict.ERROR, "GET " + url + ": " + ActionRunner.describe(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Evaluation(Evaluation.Verdict.ERROR, "interrupted");
            }
        }
        return evaluator.evaluate(expression, variables);
    }
}

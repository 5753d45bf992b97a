package io.tensorwasm.ops.engine.exec;

import io.tensorwasm.ops.engine.check.Evaluation;
import io.tensorwasm.ops.engine.model.CheckResult;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.model.Step;
import io.tensorwasm.ops.engine.model.StepResult;
import java.util.List;

/**
 * The ways a run's values leave the engine, each behind the run's {@link Redactor} (issue #16): the
 * person (every question), the listener (every poll, step and ending, hence the console's stored
 * polls and its event stream) and the pager (every page's message and evidence). {@link RunContext}
 * wraps what it is given, so no path inside the engine can skip it; step results are redacted once
 * where they are made ({@link #result}), before the store, the report and the evidence see them.
 */
final class Redacting {

    private Redacting() {}

    /** The person, asked only redacted questions. */
    static Approvals approvals(Approvals person, Redactor redactor) {
        return new Approvals() {
            @Override
            public Decision review(Runbook runbook, Step step, String action) {
                return person.review(runbook, step, redactor.redact(action));
            }

            @Override
            public boolean confirm(Runbook runbook, Step step, String statement) {
                return person.confirm(runbook, step, redactor.redact(statement));
            }

            @Override
            public String choose(
                    Runbook runbook, Step step, String question, List<String> answers) {
                return person.choose(runbook, step, redactor.redact(question), answers);
            }
        };
    }

    /** The listener, told only redacted observations, results and summaries. */
    static ExecutionListener listener(ExecutionListener listener, Redactor redactor) {
        return new ExecutionListener() {
            @Override
            public void runStarted(Runbook runbook, long executionId) {
                listener.runStarted(runbook, executionId);
            }

            @Override
            public void stepStarted(Runbook runbook, Step step, int attempt) {
                listener.stepStarted(runbook, step, attempt);
            }

            @Override
            public void checkPolled(Runbook runbook, Step step, int poll, Evaluation evaluation) {
                listener.checkPolled(
                        runbook,
                        step,
                        poll,
                        new Evaluation(
                                evaluation.verdict(), redactor.redact(evaluation.observed())));
            }

            @Override
            public void stepFinished(Runbook runbook, Step step, StepResult result) {
                listener.stepFinished(runbook, step, result(result, redactor));
            }

            @Override
            public void runFinished(ExecutionReport report) {
                listener.runFinished(report);
            }
        };
    }

    /** The pager, sent only redacted messages and evidence. */
    static Pager pager(Pager pager, Redactor redactor) {
        return escalation ->
                pager.page(
                        new Escalation(
                                escalation.severity(),
                                escalation.runbookId(),
                                escalation.executionId(),
                                redactor.redact(escalation.message()),
                                escalation.evidence().stream().map(redactor::redact).toList()));
    }

    /** A step's result with every text redacted: its check, note and output excerpt. */
    static StepResult result(StepResult result, Redactor redactor) {
        CheckResult check = result.check();
        return new StepResult(
                result.step(),
                redactor.redact(result.action()),
                result.status(),
                new CheckResult(
                        check.outcome(),
                        redactor.redact(check.expected()),
                        redactor.redact(check.observed()),
                        check.polls(),
                        check.elapsed()),
                result.started(),
                result.finished(),
                result.attempts(),
                result.approver(),
                redactor.redact(result.note()),
                redactor.excerpt(result.output()),
                result.member(),
                result.batch());
    }
}

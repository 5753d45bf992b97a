package io.tensorwasm.ops.oncall.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tensorwasm.ops.engine.check.Evaluation;
import io.tensorwasm.ops.engine.exec.Approvals;
import io.tensorwasm.ops.engine.exec.Decision;
import io.tensorwasm.ops.engine.exec.ExecutionListener;
import io.tensorwasm.ops.engine.exec.ExecutionReport;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.model.Step;
import io.tensorwasm.ops.engine.model.StepResult;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One interactive run seen from the console: the person the engine asks and the audience it tells.
 * The executor runs on its own thread and blocks in {@link #review}, {@link #confirm} or {@link
 * #choose} until a request answers through {@link #answer}; every step, poll and question becomes a
 * {@link RunEvent} that event streams replay and follow.
 */
public final class LiveRun implements Approvals, ExecutionListener {

    private static final Logger logger = LoggerFactory.getLogger(LiveRun.class);
    private static final int MAX_EVENTS = 10_000;

    private final CheckPolls polls;
    private final Clock clock;
    private final Consumer<LiveRun> onStarted;
    private final Consumer<LiveRun> onFinished;
    private final CompletableFuture<Long> started = new CompletableFuture<>();
    private final List<RunEvent> events = new ArrayList<>();
    private final List<Consumer<RunEvent>> subscribers = new ArrayList<>();
    private volatile BiConsumer<LiveRun, Question> asked = (run, question) -> {};
    private volatile long executionId;
    private long eventNumber;
    private long pollNumber;
    private long questionNumber;
    private int attempt = 1;
    private Question pending;
    private CompletableFuture<Answer> answer;
    private Answer abort;
    private boolean finished;

    LiveRun(
            CheckPolls polls,
            Clock clock,
            Consumer<LiveRun> onStarted,
            Consumer<LiveRun> onFinished) {
        this.polls = polls;
        this.clock = clock;
        this.onStarted = onStarted;
        this.onFinished = onFinished;
    }

    /** Calls the listener with every question the run asks, after it is published. */
    void onQuestion(BiConsumer<LiveRun, Question> listener) {
        this.asked = listener;
    }

    /** The execution id, once the store recorded the run. */
    public long executionId() {
        return executionId;
    }

    /** Completes with the execution id once recorded, or with why the run could not start. */
    CompletableFuture<Long> started() {
        return started;
    }

    /** What the page shows of the run now. */
    public synchronized Snapshot snapshot() {
        return new Snapshot(pending, abort, eventNumber, finished);
    }

    /**
     * Replays the events after a number, then follows new ones until {@link Runnable#run()} is
     * called on the returned handle. The consumer runs under this run's lock: it must not block.
     */
    public synchronized Runnable subscribe(long after, Consumer<RunEvent> consumer) {
        events.stream().filter(e -> e.number() > after).forEach(consumer);
        if (finished) {
            return () -> {};
        }
        subscribers.add(consumer);
        return () -> {
            synchronized (this) {
                subscribers.remove(consumer);
            }
        };
    }

    /** Answers the pending question; false when it is not the one the person saw. */
    public synchronized boolean answer(long question, Answer given) {
        if (pending == null || pending.number() != question || !fits(pending, given)) {
            return false;
        }
        settle(given);
        return true;
    }

    /** Gives the waiting executor its answer; the page shows the question gone at once. */
    private void settle(Answer given) {
        Question question = pending;
        answer.complete(given);
        pending = null;
        answer = null;
        publish(
                "answered",
                JsonNodeFactory.instance
                        .objectNode()
                        .put("question", question.number())
                        .put("verdict", given.verdict().name().toLowerCase(java.util.Locale.ROOT))
                        .put("by", given.person()));
    }

    /** Asks the run to stop: at once when it waits for a review, else before its next step. */
    public synchronized AbortOutcome requestAbort(Answer given) {
        if (finished) {
            return AbortOutcome.TOO_LATE;
        }
        abort = given;
        if (pending != null && pending.kind() == Question.Kind.REVIEW) {
            settle(given);
            return AbortOutcome.NOW;
        }
        publish("abort-requested", JsonNodeFactory.instance.objectNode().put("by", given.person()));
        return AbortOutcome.BEFORE_NEXT_STEP;
    }

    /** Stops waiting for people: the console is closing. */
    synchronized void stop(String why) {
        Answer stop = Answer.abort("console", why);
        abort = stop;
        if (pending != null) {
            settle(
                    pending.kind() == Question.Kind.CONFIRM
                            ? Answer.confirm("console", false)
                            : stop);
        }
    }

    /** The run could not start (a guardrail, a missing step): the waiting request learns why. */
    void failedToStart(RuntimeException failure) {
        started.completeExceptionally(failure);
    }

    @Override
    public Decision review(Runbook runbook, Step step, String action) {
        Answer given = ask(Question.Kind.REVIEW, step, action, List.of());
        return switch (given.verdict()) {
            case APPROVE -> Decision.approve(given.person());
            case SKIP -> Decision.skip(given.person(), given.reason());
            default -> Decision.abort(given.person(), given.reason());
        };
    }

    @Override
    public boolean confirm(Runbook runbook, Step step, String statement) {
        return ask(Question.Kind.CONFIRM, step, statement, List.of()).verdict()
                == Answer.Verdict.HOLDS;
    }

    @Override
    public String choose(Runbook runbook, Step step, String question, List<String> answers) {
        Answer given = ask(Question.Kind.CHOOSE, step, question, answers);
        if (given.verdict() != Answer.Verdict.CHOOSE) {
            throw new IllegalStateException(
                    "\"" + question + "\" was not answered: " + given.reason());
        }
        return given.choice();
    }

    /**
     * Asks and waits. {@code shown} is what the person decides on: for a review the action as it
     * will run, else the statement to confirm or the question to answer.
     */
    private Answer ask(Question.Kind kind, Step step, String shown, List<String> answers) {
        boolean review = kind == Question.Kind.REVIEW;
        CompletableFuture<Answer> waiting;
        Question question;
        synchronized (this) {
            if (abort != null) {
                return kind == Question.Kind.CONFIRM
                        ? Answer.confirm(abort.person(), false)
                        : abort;
            }
            question =
                    new Question(
                            ++questionNumber,
                            kind,
                            step.number(),
                            review ? shown : step.action().text(),
                            step.check().map(c -> c.text()).orElse(""),
                            review ? "" : shown,
                            answers);
            pending = question;
            answer = waiting = new CompletableFuture<>();
            publish("question", json(question));
        }
        try {
            asked.accept(this, question);
        } catch (RuntimeException e) {
            // Telling people elsewhere is a courtesy: the console page still asks.
            logger.warn(
                    "execution {}: question {} not sent on: {}",
                    executionId,
                    question.number(),
                    e.getMessage());
        }
        Answer given = await(waiting, step);
        synchronized (this) {
            if (pending == question) {
                settle(given);
            }
        }
        return given;
    }

    private static Answer await(CompletableFuture<Answer> waiting, Step step) {
        try {
            return waiting.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.abort("console", "interrupted while step " + step.number() + " waited");
        } catch (ExecutionException e) {
            return Answer.abort("console", String.valueOf(e.getCause().getMessage()));
        }
    }

    private static boolean fits(Question question, Answer given) {
        return switch (question.kind()) {
            case REVIEW ->
                    given.verdict() == Answer.Verdict.APPROVE
                            || given.verdict() == Answer.Verdict.SKIP
                            || given.verdict() == Answer.Verdict.ABORT;
            case CONFIRM ->
                    given.verdict() == Answer.Verdict.HOLDS
                            || given.verdict() == Answer.Verdict.DOES_NOT_HOLD;
            case CHOOSE ->
                    given.verdict() == Answer.Verdict.CHOOSE
                            && question.answers().contains(given.choice());
        };
    }

    @Override
    public void runStarted(Runbook runbook, long id) {
        executionId = id;
        onStarted.accept(this);
        started.complete(id);
    }

    @Override
    public synchronized void stepStarted(Runbook runbook, Step step, int attempt) {
        this.attempt = attempt;
        publish(
                "step-started",
                JsonNodeFactory.instance
                        .objectNode()
                        .put("step", step.number())
                        .put("attempt", attempt)
                        .put("action", step.action().text()));
    }

    @Override
    public void checkPolled(Runbook runbook, Step step, int poll, Evaluation evaluation) {
        // The engine's listener boundary has redacted it (RunContext), as every value it tells.
        String observed = evaluation.observed();
        CheckPolls.Poll recorded;
        synchronized (this) {
            recorded =
                    new CheckPolls.Poll(
                            executionId,
                            ++pollNumber,
                            step.number(),
                            attempt,
                            poll,
                            clock.instant(),
                            verdict(evaluation),
                            observed,
                            ObservedValue.in(observed).orElse(null));
        }
        try {
            polls.record(recorded);
        } catch (IllegalStateException e) {
            // The console's copy of a poll is for the page; the engine's record of the step stands.
            logger.warn("execution {}: {}", executionId, e.getMessage());
        }
        synchronized (this) {
            publish("poll", json(recorded));
        }
    }

    @Override
    public synchronized void stepFinished(Runbook runbook, Step step, StepResult result) {
        publish(
                "step-finished",
                JsonNodeFactory.instance
                        .objectNode()
                        .put("step", result.step())
                        .put("status", result.status().word())
                        .put("outcome", result.check().outcome().word())
                        .put("observed", result.check().observed()));
    }

    @Override
    public void runFinished(ExecutionReport report) {
        synchronized (this) {
            finished = true;
            publish(
                    "finished",
                    JsonNodeFactory.instance
                            .objectNode()
                            .put("status", report.status().word())
                            .put("summary", report.summary()));
            subscribers.clear();
        }
        onFinished.accept(this);
    }

    /** Ends the run's stream when the executor failed outside any step, with why, redacted. */
    void failed(String why) {
        synchronized (this) {
            finished = true;
            publish(
                    "finished",
                    JsonNodeFactory.instance
                            .objectNode()
                            .put("status", "failed")
                            .put("summary", why));
            subscribers.clear();
        }
        onFinished.accept(this);
    }

    private void publish(String type, ObjectNode data) {
        RunEvent event = new RunEvent(++eventNumber, type, data);
        if (events.size() < MAX_EVENTS) {
            events.add(event);
        }
        List.copyOf(subscribers).forEach(s -> s.accept(event));
    }

    static String verdict(Evaluation evaluation) {
        return switch (evaluation.verdict()) {
            case TRUE -> "holds";
            case FALSE -> "does not hold";
            case ERROR -> "error";
        };
    }

    private static ObjectNode json(Question q) {
        ArrayNode answers = JsonNodeFactory.instance.arrayNode();
        q.answers().forEach(answers::add);
        return JsonNodeFactory.instance
                .objectNode()
                .put("question", q.number())
                .put("kind", q.kindWord())
                .put("step", q.step())
                .put("action", q.action())
                .put("check", q.check())
                .put("text", q.text())
                .set("answers", answers);
    }

    private static ObjectNode json(CheckPolls.Poll poll) {
        ObjectNode data =
                JsonNodeFactory.instance
                        .objectNode()
                        .put("step", poll.step())
                        .put("attempt", poll.attempt())
                        .put("poll", poll.poll())
                        .put("at", poll.at().toString())
                        .put("verdict", poll.verdict())
                        .put("observed", poll.observed());
        if (poll.reading() != null) {
            data.put("reading", poll.reading().name()).put("value", poll.reading().value());
        }
        return data;
    }

    /**
     * The run as a page shows it.
     *
     * @param pending the question it waits on, or null
     * @param abort the abort asked for, or null
     * @param lastEvent the number of its last event, for the stream to continue from
     * @param finished true once it ended
     */
    public record Snapshot(Question pending, Answer abort, long lastEvent, boolean finished) {}

    /** What an abort request did. */
    public enum AbortOutcome {
        /** The run waited for a review and stops now. */
        NOW,
        /** A step is running; the run stops before the next one. */
        BEFORE_NEXT_STEP,
        /** The run had already ended. */
        TOO_LATE
    }
}

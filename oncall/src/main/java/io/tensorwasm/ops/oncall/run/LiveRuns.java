package io.tensorwasm.ops.oncall.run;

import io.tensorwasm.ops.engine.exec.Approvals;
import io.tensorwasm.ops.engine.exec.ExecutionListener;
import io.tensorwasm.ops.engine.exec.Executor;
import io.tensorwasm.ops.engine.exec.Plan;
import io.tensorwasm.ops.engine.exec.RunContext;
import io.tensorwasm.ops.engine.exec.RunRequest;
import io.tensorwasm.ops.engine.model.CheckResult;
import io.tensorwasm.ops.engine.model.Durations;
import io.tensorwasm.ops.engine.model.Fleet;
import io.tensorwasm.ops.engine.model.Mode;
import io.tensorwasm.ops.engine.model.RunStatus;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.model.StepResult;
import io.tensorwasm.ops.engine.model.Texts;
import io.tensorwasm.ops.engine.model.Trigger;
import io.tensorwasm.ops.engine.store.ExecutionStore;
import io.tensorwasm.ops.engine.store.NewExecution;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runs the console drives. Each interactive run gets its own thread, where the engine's
 * executor runs and blocks on the person's answers ({@link LiveRun}); requests answer from other
 * threads. Dry runs plan on the caller's worker thread and are recorded like any run.
 *
 * <pre>{@code
 * long id = runs.interactive(runbook, "ana");          // on a worker thread: waits until recorded
 * runs.live(id).orElseThrow().answer(1, Answer.approve("bo"));
 * }</pre>
 */
public final class LiveRuns implements AutoCloseable {

    /**
     * Why a waiting run ends when the console stops: the person that answers is {@code console}
     * with this reason, so a prepared run is known to have been stopped, not declined.
     */
    public static final String STOPPED = "the console stopped";

    private static final Logger logger = LoggerFactory.getLogger(LiveRuns.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final RunContexts contexts;
    private final CheckPolls polls;
    private final Clock clock;
    private final Map<Long, LiveRun> live = new ConcurrentHashMap<>();
    private final List<BiConsumer<LiveRun, Question>> askers = new CopyOnWriteArrayList<>();
    private final AtomicInteger threadNumber = new AtomicInteger();
    private final ExecutorService threads;

    /** Runs in the given contexts, with polls kept for the pages. */
    public LiveRuns(RunContexts contexts, CheckPolls polls, Clock clock) {
        this.contexts = contexts;
        this.polls = polls;
        this.clock = clock;
        this.threads =
                Executors.newCachedThreadPool(
                        r -> {
                            Thread t =
                                    new Thread(r, "console-run-" + threadNumber.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        });
    }

    /** The store the runs are recorded in. */
    public ExecutionStore store() {
        return contexts.store();
    }

    /** The polls of the runs' checks. */
    public CheckPolls polls() {
        return polls;
    }

    /**
     * Calls the listener each time a run of this console asks a person something, on the run's
     * thread (issue #20: approval requests go to Slack); the listener must not block for long.
     */
    public void onQuestion(BiConsumer<LiveRun, Question> listener) {
        askers.add(listener);
    }

    /** A run in progress in this console, by execution id. */
    public Optional<LiveRun> live(long executionId) {
        return Optional.ofNullable(live.get(executionId));
    }

    /**
     * Starts an interactive run on its own thread and returns its execution id once the store has
     * recorded it. Blocks: call it from a worker thread.
     *
     * @throws io.tensorwasm.ops.engine.model.GuardrailException when another run holds the lock
     */
    public long interactive(Runbook runbook, String person) {
        return interactive(runbook, person, name -> null);
    }

    /**
     * As {@link #interactive(Runbook, String)}, with the values the person gave the runbook's vars
     * (the run form's fields, {@code --var} of the command line): {@code given} answers a var's
     * name with its value; a var given no value, or a blank one, keeps its default.
     */
    public long interactive(Runbook runbook, String person, Function<String, String> given) {
        Map<String, String> vars = new HashMap<>();
        runbook.metadata()
                .vars()
                .forEach(
                        (name, fallback) -> {
                            String value = given.apply(name);
                            vars.put(name, value == null || value.isBlank() ? fallback : value);
                        });
        return start(runbook, RunRequest.interactive(person), RunHooks.NONE, vars);
    }

    /** The fleet that runs address, if the console has one. */
    public Optional<Fleet> fleet() {
        return contexts.fleet();
    }

    /**
     * Starts a run (interactive, or automatic for an alert) on its own thread, with the hooks an
     * incident adds, and returns its execution id once the store has recorded it. The run shows
     * live on its execution page like any console run. Blocks: call it from a worker thread.
     *
     * @throws io.tensorwasm.ops.engine.model.GuardrailException when a guardrail refuses it
     */
    public long start(Runbook runbook, RunRequest request, RunHooks hooks) {
        return start(runbook, request, hooks, Map.of());
    }

    private long start(
            Runbook runbook, RunRequest request, RunHooks hooks, Map<String, String> vars) {
        LiveRun run =
                new LiveRun(
                        polls,
                        clock,
                        r -> live.put(r.executionId(), r),
                        r -> r.executionIds().forEach(live::remove));
        run.onQuestion((r, q) -> askers.forEach(a -> a.accept(r, q)));
        threads.execute(() -> drive(runbook, request, hooks, run, vars));
        try {
            return run.started().get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(runbook.id() + ": the run did not start", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    runbook.id()
                            + ": the run was not recorded within "
                            + START_TIMEOUT.toSeconds()
                            + " s",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(runbook.id() + ": interrupted while starting", e);
        }
    }

    /**
     * Why {@link #start} would refuse the request now (a guardrail, another run holding the
     * runbook), or empty; records nothing. Blocks on the database: call it from a worker thread.
     */
    public Optional<String> refusal(Runbook runbook, RunRequest request) {
        return new Executor(contexts.context(Approvals.nobody(), ExecutionListener.NONE))
                .refusal(runbook, request);
    }

    /** The boundary of a run's thread: what escapes the executor ends the run's stream. */
    private void drive(
            Runbook runbook,
            RunRequest request,
            RunHooks hooks,
            LiveRun run,
            Map<String, String> vars) {
        RunContext context =
                contexts.context(
                        hooks.approvals().apply(run),
                        hooks.after(run),
                        hooks.pager().orElse(contexts.pager()),
                        vars);
        try {
            new Executor(context).run(runbook, request);
        } catch (RuntimeException e) {
            if (run.started().isDone()) {
                // Logged and streamed through the run's redaction, without the trace (issue #16).
                String why =
                        e.getClass().getSimpleName()
                                + ": "
                                + context.redact(String.valueOf(e.getMessage()));
                logger.error(
                        "execution {} of {} stopped outside a step: {}",
                        run.executionId(),
                        runbook.id(),
                        why);
                run.failed(why);
            } else {
                run.failedToStart(e);
            }
        }
    }

    /**
     * Plans a dry run, running its read-only steps once for live values, and records the plan as an
     * execution in {@code dry-run} mode. Blocks: call it from a worker thread.
     */
    public long dryRun(Runbook runbook, String person) {
        Instant started = clock.instant();
        ExecutionStore store = contexts.store();
        long id =
                store.begin(
                        new NewExecution(
                                runbook.id(),
                                runbook.contentHash(),
                                Mode.DRY_RUN,
                                Trigger.person(person),
                                runbook.metadata().defaultTarget(),
                                started,
                                runbook.estimatedTotal(),
                                runbook.metadata().sla(),
                                Optional.empty()));
        Plan plan =
                new Executor(contexts.context(Approvals.nobody(), ExecutionListener.NONE))
                        .plan(runbook, true);
        plan.steps().forEach(step -> store.recordStep(id, planned(step, clock.instant())));
        store.finish(id, RunStatus.PLANNED, clock.instant(), summary(plan));
        logger.info("dry run {} of {} by {}", id, runbook.id(), person);
        return id;
    }

    /** A planned step as the store keeps it: its check's probe, if it had one, as observed. */
    private static StepResult planned(Plan.Planned step, Instant now) {
        return new StepResult(
                step.number(),
                step.action(),
                StepResult.Status.PLANNED,
                new CheckResult(
                        outcome(step),
                        step.check(),
                        step.probe(),
                        step.probe().isEmpty() ? 0 : 1,
                        Duration.ZERO),
                now,
                now,
                0,
                "",
                note(step),
                step.probe());
    }

    private static CheckResult.Outcome outcome(Plan.Planned step) {
        String probe = step.probe();
        if (probe.startsWith("holds")) {
            return CheckResult.Outcome.PASSED;
        }
        if (probe.startsWith(Executor.NOT_READ)) {
            return CheckResult.Outcome.ERROR;
        }
        if (!probe.isEmpty() && !step.check().isEmpty()) {
            return CheckResult.Outcome.FAILED;
        }
        return step.needsPerson() || !step.machineCheckable()
                ? CheckResult.Outcome.MANUAL
                : CheckResult.Outcome.SKIPPED;
    }

    private static String note(Plan.Planned step) {
        if (step.needsPerson()) {
            return "not run: it needs a person";
        }
        if (step.probe().startsWith(Executor.NOT_READ)) {
            return "read-only, not read: the check shows why";
        }
        return step.probe().isEmpty()
                ? "not run: a dry run changes nothing"
                : "read-only: read once";
    }

    /**
     * {@code planned; 5 checks could not be read (steps 1, 5, 6, 11 and 12); 12 steps, 22m10s
     * within its SLA of 30m; 0 steps need a person}: a plan never says it succeeded.
     */
    static String summary(Plan plan) {
        long people = plan.steps().stream().filter(Plan.Planned::needsPerson).count();
        String sla =
                plan.sla()
                        .map(
                                s ->
                                        (plan.withinSla()
                                                        ? " within its SLA of "
                                                        : " over its SLA of ")
                                                + Durations.format(s))
                        .orElse("");
        List<Plan.Planned> unread = plan.unread();
        String read =
                unread.isEmpty()
                        ? ""
                        : unread.size()
                                + (unread.size() == 1 ? " check" : " checks")
                                + " could not be read ("
                                + (unread.size() == 1 ? "step " : "steps ")
                                + Texts.list(
                                        unread.stream()
                                                .map(s -> Integer.toString(s.number()))
                                                .toList())
                                + "); ";
        return "planned; "
                + read
                + plan.steps().size()
                + (plan.steps().size() == 1 ? " step, " : " steps, ")
                + Durations.format(plan.total())
                + sla
                + "; "
                + people
                + (people == 1 ? " step needs" : " steps need")
                + " a person";
    }

    /** Stops waiting for people in every live run and lets their threads end. */
    @Override
    public void close() {
        live.values().forEach(run -> run.stop(STOPPED));
        threads.shutdown();
        try {
            if (!threads.awaitTermination(10, TimeUnit.SECONDS)) {
                logger.warn("runs still busy after 10 s; their records end as interrupted");
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            threads.shutdownNow();
        }
    }
}

package io.tensorwasm.ops.engine.exec;

import io.tensorwasm.ops.engine.check.Evaluation;
import io.tensorwasm.ops.engine.model.Action;
import io.tensorwasm.ops.engine.model.Automation;
import io.tensorwasm.ops.engine.model.FleetBlock;
import io.tensorwasm.ops.engine.model.FleetMember;
import io.tensorwasm.ops.engine.model.GuardrailException;
import io.tensorwasm.ops.engine.model.Guardrails;
import io.tensorwasm.ops.engine.model.Mode;
import io.tensorwasm.ops.engine.model.RunStatus;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.model.Step;
import io.tensorwasm.ops.engine.parse.ParamText;
import io.tensorwasm.ops.engine.store.NewExecution;
import io.tensorwasm.ops.engine.store.Origin;
import io.tensorwasm.ops.engine.store.RunbookText;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
    private final StepRunner stepRunner;
    private final Map<String, StepRunner> memberRunners = new ConcurrentHashMap<>();

    public Executor(RunContext context) {
        this.context = context;
        this.actions = new ActionRunner(context);
        this.poller = new CheckPoller(context, actions);
        this.stepRunner = new StepRunner(context, actions, poller);
    }

    /** The step runner of a member's scope, in which the runbook's default target is the member. */
    private StepRunner runner(FleetMember member, Runbook runbook) {
        String defaultTarget = runbook.metadata().defaultTarget();
        return memberRunners.computeIfAbsent(
                member.name() + "\n" + defaultTarget,
                key -> {
                    RunContext scoped = context.forMember(member, defaultTarget);
                    ActionRunner memberActions = new ActionRunner(scoped);
                    return new StepRunner(
                            scoped, memberActions, new CheckPoller(scoped, memberActions));
                });
    }

    /** The step runner of a run: a member's when the run targets a fleet member. */
    private StepRunner runner(RunState run) {
        return run.member.map(m -> runner(m, run.runbook)).orElse(stepRunner);
    }

    /**
     * The dry run: no side effects; with {@code probe}, read-only steps run once for live values. A
     * probe that cannot read its value says why in words, starting {@value #NOT_READ}; one that
     * needs the result of a step a dry run does not run says which.
     */
    public Plan plan(Runbook runbook, boolean probe) {
        return planned(runbook, probe, ParamText.defaults(runbook.metadata()));
    }

    /**
     * The dry run with parameter values: they are checked as a run checks them and shown filled
     * into the steps.
     *
     * @throws io.tensorwasm.ops.engine.model.ParameterException when a value breaks its rule
     */
    public Plan plan(Runbook runbook, boolean probe, Map<String, String> given) {
        return planned(runbook, probe, ParamText.resolve(runbook.metadata(), given));
    }

    private Plan planned(Runbook runbook, boolean probe, Map<String, String> params) {
        StepValues values = new StepValues(0, params);
        List<Plan.Planned> steps = new ArrayList<>();
        String target = runbook.metadata().defaultTarget();
        for (Step step : runbook.steps()) {
            boolean manual = actions.manual(step, target).isPresent();
            String probed =
                    probe
                                    && !manual
                                    && step.action().readOnly()
                                    && !(step.action() instanceof Action.Wait)
                            ? probe(runbook, step, values)
                            : "";
            steps.add(
                    new Plan.Planned(
                            step.number(),
                            context.redact(preview(runbook, step, values)),
                            step.check().map(c -> c.text()).orElse(""),
                            step.estimate(),
                            step.check().map(c -> c.machineCheckable()).orElse(true),
                            step.needsPerson() || manual,
                            probed));
        }
        return new Plan(
                runbook.id(),
                runbook.title(),
                steps,
                runbook.estimatedTotal(),
                runbook.metadata().sla(),
                params);
    }

    /**
     * A step as the plan shows it; a fleet step as it runs for the first member, with the strategy
     * and every member named.
     */
    private String preview(Runbook runbook, Step step, StepValues values) {
        Optional<FleetBlock> block = runbook.fleetBlock(step.number());
        if (block.isEmpty() || context.fleet().isEmpty()) {
            return actions.preview(runbook, step, values);
        }
        List<FleetMember> members = context.fleet().get().members();
        RunContext first = context.forMember(members.get(0), runbook.metadata().defaultTarget());
        return new ActionRunner(first).preview(runbook, step, values)
                + " [fleet: "
                + block.get().strategy().text()
                + "; each of "
                + String.join(", ", members.stream().map(FleetMember::name).toList())
                + "]";
    }

    /** How a probe that could not read its value begins. */
    public static final String NOT_READ = "could not read: ";

    private static final java.util.regex.Pattern STEP_RESULT =
            java.util.regex.Pattern.compile("steps(?:\\[|\\.)([0-9]+)");

    private String probe(Runbook runbook, Step step, StepValues values) {
        Optional<String> missing = missingResult(runbook, step, values);
        if (missing.isPresent()) {
            return NOT_READ + missing.get();
        }
        try {
            ActionOutcome outcome =
                    actions.perform(runbook, step, runbook.metadata().defaultTarget(), values);
            values.put(step.number(), context.redactor().redact(outcome.variables()));
            String output = context.excerpt(outcome.output());
            if (step.check().isEmpty() || !step.check().get().machineCheckable()) {
                return output.isEmpty() ? "ran" : output;
            }
            var evaluation =
                    poller.evaluate(runbook, step.check().get().expression(), outcome, values);
            if (evaluation.verdict() == Evaluation.Verdict.ERROR) {
                return NOT_READ
                        + context.redact(evaluation.observed().replaceFirst("^error: ", ""));
            }
            return (evaluation.holds()
                            ? "holds"
                            : evaluation.verdict().name().toLowerCase(java.util.Locale.ROOT))
                    + ": "
                    + context.redact(evaluation.observed());
        } catch (RuntimeException e) {
            return NOT_READ + context.redact(inWords(e));
        }
    }

    /**
     * The earlier step whose result this step reads, when a dry run has none: {@code steps[8]} in
     * its check or {@code {steps.7.body.id}} in its action.
     */
    private static Optional<String> missingResult(Runbook runbook, Step step, StepValues values) {
        String text = step.action().text() + " " + step.check().map(c -> c.text()).orElse("");
        java.util.regex.Matcher m = STEP_RESULT.matcher(text);
        while (m.find()) {
            int number = Integer.parseInt(m.group(1));
            if (!values.all().containsKey((long) number)) {
                boolean runs = runbook.step(number).map(s -> s.action().readOnly()).orElse(false);
                return Optional.of(
                        "it reads the result of step "
                                + number
                                + (runs
                                        ? ", which could not be read"
                                        : ", which a dry run does not run"));
            }
        }
        return Optional.empty();
    }

    /** An exception's message as a sentence, never a bare number or class name. */
    private static String inWords(RuntimeException e) {
        String message = e.getMessage() == null ? "" : e.getMessage().strip();
        if (message.length() < 12 || !message.contains(" ")) {
            return "the check could not be evaluated ("
                    + e.getClass().getSimpleName()
                    + (message.isEmpty() ? "" : ": " + message)
                    + ")";
        }
        return message;
    }

    /**
     * Runs a runbook interactively or automatically and records it.
     *
     * @throws GuardrailException when an automatic run is refused, before anything runs
     */
    public ExecutionReport run(Runbook runbook, RunRequest request) {
        refuseEarly(runbook, request);
        // Checked before anything is recorded or runs: a bad value names the parameter, the value
        // and the rule (issue #19).
        Map<String, String> params = ParamText.resolve(runbook.metadata(), request.params());
        Map<String, String> vars = StepValues.vars(runbook, request.vars(), context.variables());
        String target =
                request.target().isEmpty() ? runbook.metadata().defaultTarget() : request.target();
        // A run against a fleet member acts on that member alone (an alert about one instance).
        FleetMember member = context.fleet().flatMap(f -> f.member(target)).orElse(null);
        Instant started = context.clock().instant();
        Origin origin = new Origin(text(runbook), params, vars, request.continuation());
        long id = context.store().begin(newExecution(runbook, request, target, started, origin));
        Map<String, String> inputs = new HashMap<>(vars);
        inputs.putAll(params);
        RunState run = new RunState(runbook, request, id, target, member, inputs);
        context.listener().runStarted(runbook, id);
        ScheduledExecutorService heartbeat = heartbeat(id);
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
                        context.redact(lineage(request) + run.summary));
        context.store().finish(id, report.status(), report.finished(), summaryWithSla(report));
        context.listener().runFinished(report);
        logger.info("execution {} of {} {}", id, runbook.id(), report.status().word());
        return report;
    }

    /**
     * Why {@link #run} would refuse the request now, before anything is recorded: an automatic run
     * of a runbook whose automation is not {@code auto}, the store's guardrails, or another run of
     * the runbook on its target. Empty when it would start; the store still decides at the start,
     * since another node may take the place in between.
     */
    public Optional<String> refusal(Runbook runbook, RunRequest request) {
        if (request.mode() == Mode.AUTOMATIC
                && runbook.metadata().automation() != Automation.AUTO) {
            return Optional.of(notAutomatic(runbook));
        }
        String target =
                request.target().isEmpty() ? runbook.metadata().defaultTarget() : request.target();
        // Admission reads the guardrails, not where the run comes from.
        return context.store()
                .refusal(
                        newExecution(
                                runbook, request, target, context.clock().instant(), Origin.NONE));
    }

    private static String notAutomatic(Runbook runbook) {
        return runbook.id()
                + ": automation is \""
                + runbook.metadata().automation().word()
                + "\"; only runbooks with automation: auto run automatically";
    }

    private void refuseEarly(Runbook runbook, RunRequest request) {
        if (request.mode() == Mode.DRY_RUN) {
            throw new IllegalArgumentException(
                    "a dry run has no side effects and is no execution; use plan()");
        }
        if (request.mode() == Mode.AUTOMATIC
                && runbook.metadata().automation() != Automation.AUTO) {
            throw new GuardrailException(notAutomatic(runbook));
        }
        if (runbook.step(request.fromStep()).isEmpty()) {
            throw new IllegalArgumentException(
                    request.fromStep() + ": " + runbook.id() + " has no such step");
        }
        Optional<FleetBlock> inside =
                runbook.fleetBlock(request.fromStep()).filter(b -> b.first() != request.fromStep());
        if (inside.isPresent()) {
            throw new IllegalArgumentException(
                    "step "
                            + request.fromStep()
                            + " of "
                            + runbook.id()
                            + " is inside the fleet block of "
                            + inside.get().steps()
                            + "; start from its first step, "
                            + inside.get().first());
        }
        if (!runbook.fleetBlocks().isEmpty() && context.fleet().isEmpty()) {
            throw new IllegalArgumentException(
                    runbook.id()
                            + ": "
                            + runbook.fleetBlocks().get(0).steps()
                            + " address a fleet and this run has none; give it the fleet file"
                            + " (twops start --replicas N writes data/fleet/fleet.yml)");
        }
    }

    /** How a continuation's summary starts, so history shows the chain (issue #19). */
    private static String lineage(RunRequest request) {
        return request.continuation()
                .map(
                        k ->
                                "continues execution "
                                        + k.parentId()
                                        + " from step "
                                        + k.fromStep()
                                        + " ("
                                        + k.versionWord()
                                        + " version, resumed by "
                                        + k.by()
                                        + "): ")
                .orElse("");
    }

    /** The text to pin, when the runbook was read from one. */
    private static Optional<RunbookText> text(Runbook runbook) {
        if (runbook.text().isEmpty()) {
            return Optional.empty();
        }
        Path name = runbook.position().file().getFileName();
        return Optional.of(
                new RunbookText(
                        runbook.contentHash(),
                        runbook.id(),
                        name == null ? runbook.id() + ".md" : name.toString(),
                        runbook.text()));
    }

    private static NewExecution newExecution(
            Runbook runbook, RunRequest request, String target, Instant started, Origin origin) {
        boolean automatic = request.mode() == Mode.AUTOMATIC;
        return new NewExecution(
                runbook.id(),
                runbook.contentHash(),
                request.mode(),
                request.trigger(),
                target,
                started,
                runbook.estimatedTotal(),
                runbook.metadata().sla(),
                automatic ? Optional.of(guardrails(runbook, request)) : Optional.empty(),
                origin);
    }

    private static Guardrails guardrails(Runbook runbook, RunRequest request) {
        Guardrails guardrails = runbook.metadata().guardrails();
        return request.overrideCooldown() ? guardrails.withoutCooldown() : guardrails;
    }

    /** Tells the store every so often that the run is alive, until shut down. */
    private ScheduledExecutorService heartbeat(long id) {
        ScheduledExecutorService heartbeat =
                Executors.newSingleThreadScheduledExecutor(
                        r -> daemon(r, "heartbeat of execution " + id));
        long every = context.heartbeatEvery().toMillis();
        heartbeat.scheduleAtFixedRate(
                () -> context.store().heartbeat(id, context.clock().instant()),
                every,
                every,
                TimeUnit.MILLISECONDS);
        return heartbeat;
    }

    private static String summaryWithSla(ExecutionReport report) {
        return report.pastSla() ? report.summary() + " (past its SLA)" : report.summary();
    }

    private RunStatus steps(RunState run) {
        List<Step> steps = run.runbook.steps();
        int index = steps.indexOf(run.runbook.step(run.request.fromStep()).orElseThrow());
        int jumps = 0;
        while (index < steps.size()) {
            Step step = steps.get(index);
            Optional<FleetBlock> block = run.runbook.fleetBlock(step.number());
            Next next = block.isPresent() ? fleet(run, block.get()) : runner(run).run(run, step);
            if (block.isPresent()) {
                step = run.runbook.step(block.get().last()).orElseThrow();
                index = steps.indexOf(step);
            }
            switch (next.kind()) {
                case NEXT -> index++;
                case GOTO -> {
                    if (++jumps > MAX_JUMPS) {
                        run.summary =
                                "stopped after "
                                        + MAX_JUMPS
                                        + " jumps between steps; the runbook loops";
                        return RunStatus.FAILED;
                    }
                    index = steps.indexOf(run.runbook.step(next.step()).orElseThrow());
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
        if (!run.notes.isEmpty()) {
            run.summary += "; " + String.join("; ", run.notes);
        }
        return RunStatus.SUCCEEDED;
    }

    /** A fleet block: every member of the fleet, or the one member the run targets. */
    private Next fleet(RunState run, FleetBlock block) {
        List<FleetMember> members =
                run.member.map(List::of).orElseGet(() -> context.fleet().orElseThrow().members());
        FleetSteps fleetSteps =
                new FleetSteps(
                        context, m -> runner(m, run.runbook), this::handOverMember, this::escalate);
        return fleetSteps.run(run, block, members);
    }

    /** Hands a failed member over to another runbook, run against that member alone. */
    private String handOverMember(String runbookId, RunState member) {
        Optional<Runbook> other = context.catalog().apply(runbookId);
        if (other.isEmpty()) {
            return "runbook " + runbookId + " is not in this catalogue, so nothing took over";
        }
        try {
            ExecutionReport report =
                    run(
                            other.get(),
                            new RunRequest(
                                    member.request.mode(),
                                    member.request.trigger(),
                                    member.target,
                                    1));
            return "handed over to runbook "
                    + runbookId
                    + " (execution "
                    + report.executionId()
                    + ", "
                    + report.status().word()
                    + ")";
        } catch (GuardrailException | IllegalArgumentException e) {
            return "cannot continue in runbook " + runbookId + ": " + e.getMessage();
        }
    }

    private RunStatus finish(RunState run, Step step, Next next) {
        switch (next.kind()) {
            case END -> {
                run.summary = "ended at step " + step.number() + ": " + next.message();
                return RunStatus.SUCCEEDED;
            }
            case ABORT -> {
                run.summary = next.message();
                return next.failed() ? RunStatus.FAILED : RunStatus.ABORTED;
            }
            case ESCALATE, PAUSE -> {
                run.summary = next.message() + "; " + escalate(run, next.message());
                if (run.request.mode() == Mode.SHADOW) {
                    return RunStatus.ESCALATED;
                }
                return next.kind() == Next.Kind.PAUSE ? RunStatus.PAUSED : RunStatus.ESCALATED;
            }
            default -> {
                return other(run, step, next);
            }
        }
    }

    /**
     * Pages the runbook's severity with the message and its Escalation line; a shadow run pages
     * nobody and records the page it would have sent (issue #19). Returns which, in words.
     */
    private String escalate(RunState run, String message) {
        String severity = run.runbook.metadata().severity();
        if (run.request.mode() == Mode.SHADOW) {
            return "shadow: would page " + severity;
        }
        String escalation = run.runbook.escalation();
        context.pager()
                .page(
                        new Escalation(
                                severity,
                                run.runbook.id(),
                                run.id,
                                message + (escalation.isEmpty() ? "" : "; " + escalation),
                                run.evidence));
        return "paged " + severity;
    }

    /**
     * Continues in another runbook: a decide answer that leads there, or a failed step that hands
     * over to it. The hand-over is recorded in this execution's summary, with the other's id.
     */
    private RunStatus other(RunState run, Step step, Next next) {
        String why = next.failed() ? next.message() + "; " : "";
        String verb = next.failed() ? "handed over to" : "continued in";
        Optional<Runbook> other = context.catalog().apply(next.runbook());
        if (other.isEmpty()) {
            run.summary =
                    why
                            + "runbook "
                            + next.runbook()
                            + " is not in this catalogue, so nothing continues there";
            return RunStatus.FAILED;
        }
        try {
            ExecutionReport continued =
                    run(
                            other.get(),
                            new RunRequest(
                                    run.request.mode(), run.request.trigger(), run.target, 1));
            run.summary =
                    why
                            + verb
                            + " runbook "
                            + next.runbook()
                            + " (execution "
                            + continued.executionId()
                            + ", "
                            + continued.status().word()
                            + ")";
            return continued.status();
        } catch (GuardrailException e) {
            String refused = why + "cannot continue in runbook " + next.runbook() + ": ";
            if (run.request.mode() != Mode.AUTOMATIC) {
                run.summary = refused + e.getMessage();
                return RunStatus.FAILED;
            }
            // An alert started this run and nobody watches it: a refused hand-over must page.
            return finish(
                    run, step, new Next(Next.Kind.ESCALATE, 0, "", refused + e.getMessage(), true));
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}

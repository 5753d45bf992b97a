package io.tensorwasm.ops.web.runs;

import io.tensorwasm.ops.oncall.access.Principal;
import io.tensorwasm.ops.oncall.access.Role;
import io.tensorwasm.ops.oncall.catalogue.RunbookLibrary;
import io.tensorwasm.ops.oncall.incident.IncidentStore;
import io.tensorwasm.ops.oncall.remediation.IncidentRuns;
import io.tensorwasm.ops.oncall.run.Answer;
import io.tensorwasm.ops.oncall.run.ExecutionView;
import io.tensorwasm.ops.oncall.run.LiveRun;
import io.tensorwasm.ops.oncall.run.LiveRuns;
import io.tensorwasm.ops.oncall.view.RunIncidents;
import io.tensorwasm.ops.web.auth.Authentication;
import io.tensorwasm.ops.web.auth.RequireRole;
import io.tensorwasm.ops.web.auth.Streams;
import io.tensorwasm.ops.web.page.MessagePage;
import io.tensorwasm.ops.web.page.Pages;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.time.Clock;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starting runs and following them: {@code POST /runbooks/{id}/dry-run} and {@code
 * /runbooks/{id}/run} (operator), {@code /executions/{id}} with its event stream, and the answers a
 * live run waits for: approve and answer (approver), skip and abort (operator). Every blocking call
 * goes to a worker thread; every form is checked for its CSRF token before it gets here.
 */
public final class ExecutionRoutes {

    private static final Logger logger = LoggerFactory.getLogger(ExecutionRoutes.class);

    private final Vertx vertx;
    private final Pages pages;
    private final RunbookLibrary library;
    private final LiveRuns runs;
    private final Setting setting;

    /**
     * Where the console runs: its runtime, whether Prometheus answers metrics, and a probe that
     * says whether the runtime is down right now.
     *
     * @param runtime the runtime's address
     * @param prometheus true when metrics come from Prometheus rather than the runtime
     * @param runtimeDown true while the runtime fails its health check
     * @param clock the clock
     * @param streams the places event streams hold
     * @param incidents the incidents runs work, and the runs people start for them
     */
    public record Setting(
            URI runtime,
            boolean prometheus,
            BooleanSupplier runtimeDown,
            Clock clock,
            Streams streams,
            Incidents incidents) {}

    /**
     * What a run has to do with incidents (issue #17): its incident and withdrawal, the open
     * incidents of a runbook a run may attach to, and the interactive run a person starts for one.
     *
     * @param labels who started each run and how it ended, in the console's words
     * @param store the incidents
     * @param runs the runs people start for incidents
     */
    public record Incidents(RunIncidents labels, IncidentStore store, IncidentRuns runs) {}

    /** Routes over the runs. */
    public ExecutionRoutes(
            Vertx vertx, Pages pages, RunbookLibrary library, LiveRuns runs, Setting setting) {
        this.vertx = vertx;
        this.pages = pages;
        this.library = library;
        this.runs = runs;
        this.setting = setting;
    }

    /** Adds the routes; they expect a signed-in user. */
    public void mount(Router router) {
        new RunStartRoutes(vertx, pages, library, runs, setting).mount(router);
        router.get("/executions/:id").handler(this::show);
        router.get("/executions/:id/events").handler(this::events);
        router.post("/executions/:id/approve")
                .handler(RequireRole.of(Role.APPROVER, "approve a step"))
                .handler(ctx -> answer(ctx, (who, form) -> Answer.approve(who)));
        router.post("/executions/:id/confirm")
                .handler(RequireRole.of(Role.APPROVER, "confirm a statement"))
                .handler(
                        ctx ->
                                answer(
                                        ctx,
                                        (who, form) ->
                                                Answer.confirm(
                                                        who, "yes".equals(form.apply("holds")))));
        router.post("/executions/:id/choose")
                .handler(RequireRole.of(Role.APPROVER, "answer a question"))
                .handler(
                        ctx ->
                                answer(
                                        ctx,
                                        (who, form) -> Answer.choose(who, form.apply("answer"))));
        router.post("/executions/:id/skip")
                .handler(RequireRole.of(Role.OPERATOR, "skip a step"))
                .handler(ctx -> answer(ctx, (who, form) -> Answer.skip(who, form.apply("reason"))));
        router.post("/executions/:id/abort")
                .handler(RequireRole.of(Role.OPERATOR, "abort a run"))
                .handler(this::abort);
    }

    private void show(RoutingContext ctx) {
        long id = executionId(ctx);
        if (id < 0) {
            return;
        }
        Principal viewer = Authentication.principal(ctx);
        var page =
                vertx.executeBlocking(
                        () -> {
                            // The snapshot comes first, so the stream replays whatever happens
                            // while the record is read; the page then never misses an event.
                            var live = runs.live(id).map(LiveRun::snapshot);
                            return runs.store()
                                    .find(id)
                                    .map(
                                            record ->
                                                    ExecutionView.page(
                                                            new ExecutionView.Facts(
                                                                    record,
                                                                    ExecutionView.ran(
                                                                            runs.store(),
                                                                            record.summary()),
                                                                    library.runbook(
                                                                            record.summary()
                                                                                    .runbookId()),
                                                                    runs.polls().of(id),
                                                                    live,
                                                                    setting.incidents()
                                                                            .labels()
                                                                            .of(record.summary()),
                                                                    viewer,
                                                                    setting.clock().instant())));
                        },
                        false);
        pages.respondFound(ctx, "execution", page);
    }

    private void events(RoutingContext ctx) {
        long id = executionId(ctx);
        if (id < 0) {
            return;
        }
        String lastEventId = ctx.request().getHeader("Last-Event-ID");
        String after = lastEventId != null ? lastEventId : ctx.request().getParam("after", "0");
        long from;
        try {
            from = Long.parseLong(after.strip());
        } catch (NumberFormatException ignored) {
            from = 0;
        }
        EventStream.serve(ctx, vertx, runs.live(id), from, setting.streams());
    }

    private void answer(RoutingContext ctx, BiFunction<String, Form, Answer> read) {
        long id = executionId(ctx);
        if (id < 0) {
            return;
        }
        LiveRun run = runs.live(id).orElse(null);
        if (run == null) {
            message(
                    ctx,
                    409,
                    "Run not waiting",
                    "Execution "
                            + id
                            + " is not waiting for an answer in this console; it has ended.");
            return;
        }
        long question = questionNumber(ctx.request().getFormAttribute("question"));
        Answer given = question < 0 ? null : read(ctx, read);
        if (question < 0) {
            message(
                    ctx,
                    400,
                    "Answer not taken",
                    "The form names no question; reload the execution page and answer again.");
        } else if (given != null && !run.answer(question, given)) {
            message(
                    ctx,
                    409,
                    "Already answered",
                    "That question of execution "
                            + id
                            + " was already answered, or the run moved on. The execution page"
                            + " shows where it is now.");
        } else if (given != null) {
            logger.info(
                    "action=answer execution={} question={} verdict={} by={}",
                    id,
                    question,
                    given.verdict(),
                    Authentication.principal(ctx).tokenId());
            see(ctx, id);
        }
    }

    /** The answer in the form, or null after saying why it cannot be taken. */
    private Answer read(RoutingContext ctx, BiFunction<String, Form, Answer> read) {
        try {
            return read.apply(
                    Authentication.principal(ctx).name(),
                    name -> ctx.request().getFormAttribute(name));
        } catch (IllegalArgumentException e) {
            message(ctx, 400, "Answer not taken", e.getMessage());
            return null;
        }
    }

    private void abort(RoutingContext ctx) {
        long id = executionId(ctx);
        if (id < 0) {
            return;
        }
        LiveRun run = runs.live(id).orElse(null);
        Principal who = Authentication.principal(ctx);
        Answer abort;
        try {
            abort = Answer.abort(who.name(), ctx.request().getFormAttribute("reason"));
        } catch (IllegalArgumentException e) {
            message(ctx, 400, "Answer not taken", e.getMessage());
            return;
        }
        if (run == null || run.requestAbort(abort) == LiveRun.AbortOutcome.TOO_LATE) {
            message(
                    ctx,
                    409,
                    "Run not live",
                    "Execution " + id + " has already ended; there is nothing to abort.");
            return;
        }
        logger.info("action=abort execution={} by={}", id, who.tokenId());
        see(ctx, id);
    }

    private static long questionNumber(String field) {
        try {
            return field == null ? -1 : Long.parseLong(field.strip());
        } catch (NumberFormatException ignored) {
            return -1;
        }
    }

    /** The execution in the path, or -1 after failing the request with 404. */
    static long executionId(RoutingContext ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException ignored) {
            ctx.fail(404);
            return -1;
        }
    }

    private void message(RoutingContext ctx, int status, String title, String text) {
        pages.respond(ctx, status, "message", new MessagePage(title, text));
    }

    private static void see(RoutingContext ctx, long id) {
        ctx.response().setStatusCode(303).putHeader("Location", "/executions/" + id).end();
    }

    /** Reads a form field by name. */
    @FunctionalInterface
    private interface Form {
        String apply(String name);
    }
}

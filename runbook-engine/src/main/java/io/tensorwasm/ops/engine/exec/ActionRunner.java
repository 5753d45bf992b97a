package io.tensorwasm.ops.engine.exec;

import io.tensorwasm.ops.engine.check.JsonValues;
import io.tensorwasm.ops.engine.metrics.Sample;
import io.tensorwasm.ops.engine.model.Action;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.model.Step;
import io.tensorwasm.ops.engine.target.CommandResult;
import io.tensorwasm.ops.engine.target.Commands;
import io.tensorwasm.ops.engine.target.TargetAdapter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Performs the machine actions; the person's actions (confirm, decide) stay with the executor. */
final class ActionRunner {

    private static final List<String> SEVERITIES = List.of("sev-1", "sev-2", "sev-3");
    private static final Pattern WORD = Pattern.compile("\"([^\"]*)\"|(\\S+)");
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(5);

    private final RunContext context;
    // HTTP/1.1: the JDK's default offer of an h2c upgrade on plain http can leave a call waiting
    // past its timeout against a server that accepts it.
    private final HttpClient http =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();

    ActionRunner(RunContext context) {
        this.context = context;
    }

    /**
     * Performs a step's action; {@code values} holds the results of the steps that ran before it,
     * for {@code {steps.N.NAME}}. What the outcome says never holds the runtime token.
     */
    ActionOutcome perform(Runbook runbook, Step step, String target, StepValues values) {
        ActionOutcome outcome = unscrubbed(runbook, step, target, values);
        return new ActionOutcome(
                outcome.ok(), outcome.variables(), context.redact(outcome.output()));
    }

    private ActionOutcome unscrubbed(Runbook runbook, Step step, String target, StepValues values) {
        Action action = step.action();
        Placeholders fill = Placeholders.strict(runbook, context.variables(), values);
        // Java 17 has no pattern switch; the sealed interface keeps this list complete.
        if (action instanceof Action.Http h) {
            return http(h, fill);
        } else if (action instanceof Action.Promql p) {
            return promql(fill.fill(p.expression()));
        } else if (action instanceof Action.Cli c) {
            return cli(c, fill.arguments(c.arguments(), step.number(), true));
        } else if (action instanceof Action.Wait w) {
            return waitFor(paced(w.duration()));
        } else if (action instanceof Action.Page p) {
            return page(runbook, p, fill, values.executionId());
        } else if (action instanceof Action.TargetOp t) {
            return target(t, targetOf(t, target), fill);
        } else if (action instanceof Action.Shell s) {
            return shell(fill.arguments(words(s.command()), step.number(), false));
        } else if (action instanceof Action.CheckOnly) {
            return new ActionOutcome(true, Map.of(), "");
        }
        throw new IllegalStateException(action.verb() + " is answered by a person or a check");
    }

    /**
     * Fills the placeholders of a text: the run's variables, the runbook's vars (an empty default
     * must be given by the run), and earlier steps' results.
     */
    String fill(Runbook runbook, String text, StepValues steps) {
        return Placeholders.strict(runbook, context.variables(), steps).fill(text);
    }

    /**
     * A step's action as it will run, for the person who approves it, the plan and the dry run:
     * placeholders filled where their values are known, each argument of a command quoted as one
     * word, and a note where a value is not known yet or would be refused. Never throws.
     */
    String preview(Runbook runbook, Step step, StepValues values) {
        return preview(runbook, step, values, runbook.metadata().defaultTarget());
    }

    /** As {@link #preview(Runbook, Step, StepValues)}, on the run's target. */
    String preview(Runbook runbook, Step step, StepValues values, String runTarget) {
        Placeholders fill = Placeholders.lenient(runbook, context.variables(), values);
        Action action = step.action();
        String text = action.text();
        String refused = "";
        if (action instanceof Action.Http h) {
            text =
                    "http "
                            + h.method()
                            + " "
                            + fill.fill(h.url())
                            + (h.body().isEmpty() ? "" : " " + fill.fill(h.body()));
        } else if (action instanceof Action.Promql p) {
            text = "promql " + fill.fill(p.expression());
        } else if (action instanceof Action.Cli c) {
            List<String> arguments = fill.arguments(c.arguments(), step.number(), true);
            text = ("cli " + c.tool() + " " + Placeholders.render(arguments)).strip();
        } else if (action instanceof Action.Shell s) {
            List<String> command = fill.arguments(words(s.command()), step.number(), false);
            text = "shell " + Placeholders.render(command);
            refused =
                    context.allowlist()
                            .shellRefusal(command)
                            .map(why -> " [refused: " + why + "]")
                            .orElse("");
        } else if (action instanceof Action.Page p) {
            text = "page " + fill.fill(p.severity()) + " \"" + fill.fill(p.message()) + "\"";
        } else if (action instanceof Action.Confirm c) {
            text = "confirm \"" + fill.fill(c.prompt()) + "\"";
        } else if (action instanceof Action.TargetOp t && !t.argument().isEmpty()) {
            text =
                    text.substring(0, text.length() - t.argument().length())
                            + fill.fill(t.argument());
        }
        if (action instanceof Action.Cli c) {
            refused =
                    context.allowlist()
                            .cliRefusal(c.tool())
                            .map(why -> " [refused: " + why + "]")
                            .orElse("");
        }
        String manual = manual(step, runTarget).map(why -> " [" + why + "]").orElse("");
        return text + fill.notes() + refused + manual;
    }

    /** GETs a URL and returns its status and body (JSON when it parses). */
    Map<String, Object> get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("status", (long) response.statusCode());
        vars.put("body", JsonValues.parse(response.body()).orElse(response.body()));
        vars.put("output", response.body());
        return vars;
    }

    private ActionOutcome http(Action.Http h, Placeholders fill) {
        String url = fill.fill(h.url());
        URI uri = URI.create(url);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        if (h.method().equals("POST")) {
            request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(fill.fill(h.body())));
        } else if (h.method().equals("DELETE")) {
            request.DELETE();
        }
        // Only requests to the runtime's origin carry its token, whatever the template says: a
        // URL that starts with {runtime} may still name another host (issue #16).
        if (context.runtimeOrigin(uri)) {
            context.runtimeToken()
                    .ifPresent(token -> request.header("Authorization", "Bearer " + token));
        }
        try {
            HttpResponse<String> response =
                    http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, Object> vars = new LinkedHashMap<>();
            vars.put("status", (long) response.statusCode());
            vars.put("body", JsonValues.parse(response.body()).orElse(response.body()));
            vars.put("output", response.body());
            return new ActionOutcome(
                    response.statusCode() < 400,
                    vars,
                    h.method()
                            + " "
                            + url
                            + " -> "
                            + response.statusCode()
                            + " "
                            + response.body());
        } catch (IOException e) {
            return ActionOutcome.failed(h.method() + " " + url + ": " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ActionOutcome.failed(h.method() + " " + url + ": interrupted");
        }
    }

    private ActionOutcome promql(String expression) {
        List<Sample> samples = context.metrics().query(expression);
        List<Object> rows = new ArrayList<>();
        for (Sample s : samples) {
            Map<String, Object> row = new LinkedHashMap<>(s.labels());
            row.put("__name__", s.name());
            row.put("value", s.value());
            rows.add(row);
        }
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("samples", rows);
        if (!samples.isEmpty()) {
            vars.put("value", samples.get(0).value());
        }
        String output =
                samples.isEmpty()
                        ? "no data"
                        : samples.get(0).value()
                                + (samples.size() > 1
                                        ? " (+" + (samples.size() - 1) + " more series)"
                                        : "");
        return new ActionOutcome(!samples.isEmpty(), vars, output);
    }

    private ActionOutcome cli(Action.Cli c, List<String> arguments) {
        Optional<String> refused = context.allowlist().cliRefusal(c.tool());
        if (refused.isPresent()) {
            return ActionOutcome.failed(refused.get());
        }
        List<String> base = context.cliTools().get(c.tool());
        if (base == null) {
            return ActionOutcome.failed("cli tool " + c.tool() + " is not configured in this run");
        }
        List<String> command = new ArrayList<>(base);
        command.addAll(arguments);
        // The engine points the tool at the runtime, which no argument may change, and only then
        // hands it the token: both in the environment, where tensor-wasm reads them, never on the
        // command line.
        Map<String, String> environment = new HashMap<>();
        context.runtime()
                .ifPresent(
                        runtime -> {
                            environment.put("TENSOR_WASM_SERVER", runtime);
                            context.runtimeToken()
                                    .ifPresent(
                                            token -> environment.put("TENSOR_WASM_TOKEN", token));
                        });
        return commandOutcome(Commands.run(command, null, environment, COMMAND_TIMEOUT), c.json());
    }

    private ActionOutcome shell(List<String> command) {
        Optional<String> refused = context.allowlist().shellRefusal(command);
        if (refused.isPresent()) {
            return ActionOutcome.failed(refused.get());
        }
        return commandOutcome(Commands.run(command, null, COMMAND_TIMEOUT), false);
    }

    private static ActionOutcome commandOutcome(CommandResult result, boolean json) {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("exit_code", (long) result.exitCode());
        vars.put("output", result.output());
        if (json) {
            JsonValues.parse(result.output()).ifPresent(b -> vars.put("body", b));
        }
        return new ActionOutcome(
                result.ok(), vars, "exit " + result.exitCode() + ": " + result.output());
    }

    private ActionOutcome target(Action.TargetOp t, String name, Placeholders fill) {
        TargetAdapter adapter = context.targets().get(name);
        if (adapter == null) {
            return ActionOutcome.failed(
                    "no target \""
                            + name
                            + "\" in this run; targets are "
                            + context.targets().keySet());
        }
        return commandOutcome(adapter.perform(t.operation(), fill.fill(t.argument())), false);
    }

    /** The target a step's action addresses: its own, else the run's. */
    static String targetOf(Action.TargetOp t, String runTarget) {
        return t.target().isEmpty() ? runTarget : t.target();
    }

    /**
     * Why the step is a person's on this run's target: a target operation its adapter declares
     * manual, with the adapter's reason; empty for every other step.
     */
    Optional<String> manual(Step step, String runTarget) {
        if (!(step.action() instanceof Action.TargetOp t)) {
            return Optional.empty();
        }
        TargetAdapter adapter = context.targets().get(targetOf(t, runTarget));
        if (adapter == null) {
            return Optional.empty();
        }
        return adapter.manual(t.operation())
                .map(
                        why ->
                                "manual on "
                                        + adapter.describe()
                                        + ": "
                                        + t.operation().word()
                                        + " is done by hand, because "
                                        + why);
    }

    private ActionOutcome page(
            Runbook runbook, Action.Page p, Placeholders fill, long executionId) {
        String severity = fill.fill(p.severity());
        if (!SEVERITIES.contains(severity)) {
            return ActionOutcome.failed(
                    "severity \""
                            + severity
                            + "\" from "
                            + p.severity()
                            + " is no severity; use sev-1, sev-2 or sev-3");
        }
        String message = fill.fill(p.message());
        context.pager()
                .page(new Escalation(severity, runbook.id(), executionId, message, List.of()));
        return new ActionOutcome(true, Map.of(), "paged " + severity + ": " + message);
    }

    /** A wait's length at the run's pace ({@link RunContext#pace()}). */
    Duration paced(Duration duration) {
        return context.pace() == 1.0
                ? duration
                : Duration.ofMillis(Math.round(duration.toMillis() * context.pace()));
    }

    static ActionOutcome waitFor(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return new ActionOutcome(true, Map.of(), "waited " + duration.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ActionOutcome.failed("interrupted while waiting");
        }
    }

    /** An I/O failure as one line: {@code ConnectException: Connection refused}. */
    static String describe(IOException e) {
        Throwable cause = e.getMessage() == null && e.getCause() != null ? e.getCause() : e;
        String name = cause.getClass().getSimpleName();
        return cause.getMessage() == null
                ? name + " (connection refused or reset)"
                : name + ": " + cause.getMessage();
    }

    /** Splits a command into words; double quotes group words. No shell, so no pipes or globs. */
    static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(command);
        while (m.find()) {
            words.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return words;
    }
}

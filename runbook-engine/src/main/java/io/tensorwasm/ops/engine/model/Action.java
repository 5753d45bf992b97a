package io.tensorwasm.ops.engine.model;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a step does: a typed verb, never free text. {@link #text()} gives the verb as written.
 *
 * <pre>{@code
 * http GET {runtime}/healthz        promql sum(rate(x_total[1m]))     wait 30s
 * cli tensor-wasm observe --once --json                               confirm "Traffic drained?"
 * page sev-2 "restart failed"       target restart                    shell pgrep -x supervisor
 * decide "Host reachable?" yes -> step 2, no -> runbook dr-lost-host  check
 * lb drain                          lb status                         release upgrade v0.2.0
 * }</pre>
 */
public sealed interface Action {

    /** The verb as written in a runbook. */
    String verb();

    /** The action as a runbook writes it. */
    String text();

    /** True when running it changes nothing, so a dry run with a probe may run it. */
    default boolean readOnly() {
        return false;
    }

    /** True when a person must act or approve, so an automatic run pauses before it. */
    default boolean needsPerson() {
        return false;
    }

    /**
     * The names its result sets, which its check reads and later steps use as {@code
     * {steps.N.NAME}}.
     */
    default List<String> results() {
        return List.of();
    }

    /**
     * An HTTP request ({@code GET}, {@code POST} or {@code DELETE}); {@code {name}} placeholders
     * are filled from the run's variables and {@code {steps.N.NAME}} from an earlier step's result.
     */
    record Http(String method, String url, String body) implements Action {
        public Http {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(url, "url");
            body = body == null ? "" : body;
        }

        @Override
        public String verb() {
            return "http";
        }

        @Override
        public String text() {
            return "http " + method + " " + url + (body.isEmpty() ? "" : " " + body);
        }

        @Override
        public boolean readOnly() {
            return method.equals("GET");
        }

        @Override
        public List<String> results() {
            return List.of("status", "body", "output");
        }
    }

    /** An instant PromQL query; its first value becomes {@code value}. */
    record Promql(String expression) implements Action {
        public Promql {
            requireText(expression, "promql needs an expression");
        }

        @Override
        public String verb() {
            return "promql";
        }

        @Override
        public String text() {
            return "promql " + expression;
        }

        @Override
        public boolean readOnly() {
            return true;
        }

        @Override
        public List<String> results() {
            return List.of("value", "samples");
        }
    }

    /**
     * A configured command-line tool such as {@code tensor-wasm}, with its arguments. The engine
     * points the tool at {@code {runtime}}; no argument may choose another server ({@code
     * --server}, {@code --runtime}) or read arguments from a file ({@code @file}), since the tool
     * carries the runtime's token (issue #16).
     */
    record Cli(String tool, List<String> arguments) implements Action {

        private static final List<String> SERVER_OPTIONS = List.of("--server", "--runtime");

        public Cli {
            requireText(tool, "cli needs a tool");
            arguments = List.copyOf(arguments);
            for (String argument : arguments) {
                refusal(argument)
                        .ifPresent(
                                why -> {
                                    throw new IllegalArgumentException(why);
                                });
            }
        }

        /** Why an argument may not stand in a cli step, or empty when it may. */
        public static Optional<String> refusal(String argument) {
            for (String option : SERVER_OPTIONS) {
                if (argument.equals(option) || argument.startsWith(option + "=")) {
                    return Optional.of(
                            "\""
                                    + argument
                                    + "\": a cli step cannot choose the server; the engine points"
                                    + " the tool at {runtime}");
                }
            }
            if (argument.startsWith("@")) {
                return Optional.of(
                        "\"" + argument + "\": a cli step cannot read its arguments from a file");
            }
            return Optional.empty();
        }

        @Override
        public String verb() {
            return "cli";
        }

        @Override
        public String text() {
            return ("cli " + tool + " " + String.join(" ", arguments)).strip();
        }

        /** True when the tool is asked for JSON, which then becomes {@code body}. */
        public boolean json() {
            return arguments.contains("--json");
        }

        @Override
        public List<String> results() {
            return json() ? List.of("exit_code", "output", "body") : List.of("exit_code", "output");
        }
    }

    /** Sleeps. */
    record Wait(Duration duration) implements Action {
        public Wait {
            Objects.requireNonNull(duration, "duration");
            if (duration.isNegative()) {
                throw new IllegalArgumentException(duration + ": wait cannot be negative");
            }
        }

        @Override
        public String verb() {
            return "wait";
        }

        @Override
        public String text() {
            return "wait " + Durations.format(duration);
        }

        @Override
        public boolean readOnly() {
            return true;
        }
    }

    /** A person ticks a statement. */
    record Confirm(String prompt) implements Action {
        public Confirm {
            requireText(prompt, "confirm needs a prompt");
        }

        @Override
        public String verb() {
            return "confirm";
        }

        @Override
        public String text() {
            return "confirm \"" + prompt + "\"";
        }

        @Override
        public boolean needsPerson() {
            return true;
        }
    }

    /** Pages the rotation at a severity: {@code sev-1} to {@code sev-3}, or a {@code {var}}. */
    record Page(String severity, String message) implements Action {
        public Page {
            requireText(severity, "page needs a severity");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String verb() {
            return "page";
        }

        @Override
        public String text() {
            return "page " + severity + " \"" + message + "\"";
        }
    }

    /** An operation on a target (the runtime) through its adapter. */
    record TargetOp(Operation operation, String target) implements Action {
        public TargetOp {
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(target, "target");
        }

        @Override
        public String verb() {
            return "target";
        }

        @Override
        public String text() {
            return (target.isEmpty() ? "target" : target) + " " + operation.word();
        }

        @Override
        public boolean readOnly() {
            return operation == Operation.STATUS || operation == Operation.LOGS;
        }

        @Override
        public List<String> results() {
            return List.of("exit_code", "output");
        }
    }

    /**
     * An operation on the member's server in the fleet's load balancer (HAProxy's runtime API):
     * {@code drain} lets its sessions finish and sends it no new ones, {@code ready} puts it back,
     * {@code maint} takes it out at once, {@code status} reads its state and current sessions. It
     * addresses the member of a fleet step, or the member a run targets.
     */
    record Lb(BalancerOperation operation) implements Action {
        public Lb {
            Objects.requireNonNull(operation, "operation");
        }

        @Override
        public String verb() {
            return "lb";
        }

        @Override
        public String text() {
            return "lb " + operation.word();
        }

        @Override
        public boolean readOnly() {
            return operation == BalancerOperation.STATUS;
        }

        @Override
        public List<String> results() {
            return List.of("exit_code", "output", "state", "sessions");
        }
    }

    /**
     * Replaces the member's release: {@code upgrade VERSION} stops its process, points it at the
     * release installed under that version and starts it; {@code rollback} returns it to the
     * release it ran before the last upgrade. The member's target adapter does it (a local process
     * swaps its release link); one that cannot says so.
     *
     * @param version the release to upgrade to, which may be a placeholder; empty for rollback
     */
    record Release(ReleaseOperation operation, String version) implements Action {
        public Release {
            Objects.requireNonNull(operation, "operation");
            version = version == null ? "" : version;
            if ((operation == ReleaseOperation.UPGRADE) == version.isBlank()) {
                throw new IllegalArgumentException(
                        operation == ReleaseOperation.UPGRADE
                                ? "release upgrade needs a version, e.g. release upgrade v0.2.0"
                                : "\"" + version + "\": release rollback takes no version");
            }
        }

        @Override
        public String verb() {
            return "release";
        }

        @Override
        public String text() {
            return ("release " + operation.word() + " " + version).strip();
        }

        @Override
        public List<String> results() {
            return List.of("exit_code", "output");
        }
    }

    /** A command from the allowlist; it always needs a person's approval. */
    record Shell(String command) implements Action {
        public Shell {
            requireText(command, "shell needs a command");
        }

        @Override
        public String verb() {
            return "shell";
        }

        @Override
        public String text() {
            return "shell " + command;
        }

        @Override
        public boolean needsPerson() {
            return true;
        }

        @Override
        public List<String> results() {
            return List.of("exit_code", "output");
        }
    }

    /**
     * A question whose answer picks the next step or another runbook. With an expected check the
     * engine answers {@code yes} when it holds and {@code no} otherwise; without, a person does.
     */
    record Decide(String question, List<Branch> branches) implements Action {
        public Decide {
            requireText(question, "decide needs a question");
            branches = List.copyOf(branches);
            if (branches.isEmpty()) {
                throw new IllegalArgumentException(question + ": decide needs answers");
            }
        }

        @Override
        public String verb() {
            return "decide";
        }

        @Override
        public String text() {
            StringBuilder text = new StringBuilder("decide \"" + question + "\"");
            for (int i = 0; i < branches.size(); i++) {
                text.append(i == 0 ? " " : ", ").append(branches.get(i));
            }
            return text.toString();
        }

        /** The answers, in order. */
        public List<String> answers() {
            return branches.stream().map(Branch::answer).toList();
        }
    }

    /** Evaluates the expected check and does nothing else. */
    record CheckOnly() implements Action {
        @Override
        public String verb() {
            return "check";
        }

        @Override
        public String text() {
            return "check";
        }

        @Override
        public boolean readOnly() {
            return true;
        }
    }

    /** What a target adapter can do. */
    enum Operation {
        START,
        STOP,
        RESTART,
        STATUS,
        LOGS;

        /** The word in a runbook. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What {@code lb} does with a member's server. */
    enum BalancerOperation {
        DRAIN,
        READY,
        MAINT,
        STATUS;

        /** The word in a runbook. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What {@code release} does with a member. */
    enum ReleaseOperation {
        UPGRADE,
        ROLLBACK;

        /** The word in a runbook. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static void requireText(String value, String message) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("\"\": " + message);
        }
    }
}

package io.tensorwasm.ops.engine.model;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
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

    /**
     * An operation on a target (the runtime) through its adapter: {@code target restart}, {@code
     * runtime upgrade {target_version}}, {@code target config save canary}. The adapter decides
     * what it means on a local process, a systemd unit, Kubernetes or Compose, or declares it
     * manual there with its reason.
     *
     * @param operation what to do
     * @param target the target's name, or empty for the run's target
     * @param argument the operation's argument ({@code upgrade}'s version), or empty; placeholders
     *     are filled at run time
     */
    record TargetOp(Operation operation, String target, String argument) implements Action {
        public TargetOp {
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(target, "target");
            argument = argument == null ? "" : argument;
            if (operation.takesArgument() == argument.isEmpty()) {
                throw new IllegalArgumentException(
                        operation.word()
                                + (operation.takesArgument()
                                        ? " needs a " + operation.argumentName()
                                        : " takes no argument"));
            }
        }

        /** An operation without an argument. */
        public TargetOp(Operation operation, String target) {
            this(operation, target, "");
        }

        @Override
        public String verb() {
            return "target";
        }

        @Override
        public String text() {
            return (target.isEmpty() ? "target" : target)
                    + " "
                    + operation.word()
                    + (argument.isEmpty() ? "" : " " + argument);
        }

        @Override
        public boolean readOnly() {
            return operation.readOnly();
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

    /**
     * What a target adapter can do. Each adapter implements every operation or declares it manual
     * on its kind of deployment, with the reason (issue #18); state-changing operations are typed
     * here so that no runbook needs a shell step that changes the host.
     */
    enum Operation {
        START("start", "", false),
        STOP("stop", "", false),
        RESTART("restart", "", false),
        STATUS("status", "", true),
        LOGS("logs", "", true),
        /** The release the target runs. */
        VERSION("version", "", true),
        /** Installs a release beside the running one, keeps the running one as the previous. */
        UPGRADE("upgrade", "version", false),
        /** Returns to the previous release. */
        ROLLBACK("rollback", "", false),
        /** Saves the configuration (env file, Helm values, compose env) for config restore. */
        CONFIG_SAVE("config save", "", false),
        /** Puts back the configuration that config save kept. */
        CONFIG_RESTORE("config restore", "", false),
        /** Copies the closed audit segments to the archive. */
        AUDIT_ARCHIVE("audit archive", "", false),
        /** Verifies the hash chain of the audit segments, the archive's included. */
        AUDIT_VERIFY("audit verify", "", true),
        /** Writes a thread dump of the runtime to its log. */
        THREADS("threads", "", false),
        /** Takes the target out of its load balancer's rotation. */
        DRAIN("drain", "", false),
        /** Puts the target back in its load balancer's rotation. */
        READY("ready", "", false);

        private final String word;
        private final String argumentName;
        private final boolean readOnly;

        Operation(String word, String argumentName, boolean readOnly) {
            this.word = word;
            this.argumentName = argumentName;
            this.readOnly = readOnly;
        }

        /** The word or words in a runbook: {@code restart}, {@code config save}. */
        public String word() {
            return word;
        }

        /** True when it takes an argument, as {@code upgrade VERSION} does. */
        public boolean takesArgument() {
            return !argumentName.isEmpty();
        }

        /** What its argument is, for messages: {@code version}; empty when it takes none. */
        public String argumentName() {
            return argumentName;
        }

        /** True when it changes nothing, so a dry run with a probe may run it. */
        public boolean readOnly() {
            return readOnly;
        }

        /** The operation a runbook writes with these words, if any. */
        public static Optional<Operation> of(String words) {
            for (Operation operation : values()) {
                if (operation.word.equals(words)) {
                    return Optional.of(operation);
                }
            }
            return Optional.empty();
        }

        /** Every operation's words, for messages. */
        public static List<String> words() {
            return Arrays.stream(values()).map(Operation::word).toList();
        }
    }

    private static void requireText(String value, String message) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("\"\": " + message);
        }
    }
}

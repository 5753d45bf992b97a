package io.tensorwasm.ops.engine.parse;

import io.tensorwasm.ops.engine.check.Suggestions;
import io.tensorwasm.ops.engine.model.Action;
import io.tensorwasm.ops.engine.model.Branch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the Action cell of a step into a typed {@link Action}. */
final class ActionText {

    static final List<String> VERBS =
            List.of(
                    "http", "promql", "cli", "wait", "confirm", "page", "target", "shell", "decide",
                    "check");
    static final List<String> CLI_TOOLS = List.of("tensor-wasm", "twops");
    static final List<String> SEVERITIES = List.of("sev-1", "sev-2", "sev-3");

    private static final Pattern TOKEN = Pattern.compile("\"[^\"]*\"|\\S+");

    /** A placeholder: {@code {runtime}}, a front-matter var, or {@code {steps.N.NAME}}. */
    static final Pattern PLACEHOLDER =
            Pattern.compile("\\{([a-zA-Z_][a-zA-Z0-9_]*(?:\\.[a-zA-Z0-9_]+)*)}");

    /** {@code {steps.3.body.id}}: step 3's result {@code body}, then its field {@code id}. */
    static final Pattern STEP_RESULT =
            Pattern.compile("steps\\.([0-9]+)\\.([a-z_][a-z0-9_]*)((?:\\.[A-Za-z0-9_]+)*)");

    static final List<String> METHODS = List.of("GET", "POST", "DELETE");
    private static final Pattern BRANCH =
            Pattern.compile(
                    "\\s*([\\w-]+)\\s*->\\s*(?:step\\s+(\\d+)|runbook\\s+([\\w.-]+)|(end))\\s*");

    private final Set<String> targets;
    private final Set<String> placeholders;
    private final Map<String, String> vars;

    /**
     * @param targets the target names that may stand in for the verb {@code target}
     * @param placeholders the names that {@code {name}} may use
     * @param vars the front matter's vars with their defaults
     */
    ActionText(Set<String> targets, Set<String> placeholders, Map<String, String> vars) {
        this.targets = targets;
        this.placeholders = placeholders;
        this.vars = vars;
    }

    Action parse(Cell cell) {
        String text = cell.text();
        Matcher verbMatch = TOKEN.matcher(text);
        if (!verbMatch.find()) {
            throw cell.error(0, "empty action; write a verb: " + String.join(", ", VERBS));
        }
        String verb = verbMatch.group();
        int restAt = verbMatch.end();
        String rest = text.substring(restAt).strip();
        int restOffset = rest.isEmpty() ? text.length() : text.indexOf(rest, restAt);
        return switch (verb) {
            case "http" -> http(cell, rest, restOffset);
            case "promql" ->
                    new Action.Promql(
                            placeholders(
                                    cell,
                                    required(
                                            cell,
                                            rest,
                                            restOffset,
                                            "promql needs an expression, e.g. promql up"),
                                    restOffset));
            case "cli" -> cli(cell, rest, restOffset);
            case "wait" ->
                    new Action.Wait(
                            duration(
                                    cell,
                                    required(
                                            cell,
                                            rest,
                                            restOffset,
                                            "wait needs a duration, e.g. wait 30s"),
                                    restOffset));
            case "confirm" ->
                    new Action.Confirm(
                            placeholders(
                                    cell,
                                    quoted(
                                            cell,
                                            rest,
                                            restOffset,
                                            "confirm needs a quoted prompt, e.g. confirm \"Traffic drained?\""),
                                    restOffset + 1));
            case "page" -> page(cell, rest, restOffset);
            case "target" -> target(cell, "", rest, restOffset);
            case "shell" ->
                    new Action.Shell(
                            placeholders(
                                    cell,
                                    required(cell, rest, restOffset, "shell needs a command"),
                                    restOffset));
            case "decide" -> decide(cell, rest, restOffset);
            case "check" -> {
                if (!rest.isEmpty()) {
                    throw cell.error(
                            restOffset,
                            "\""
                                    + rest
                                    + "\": check takes nothing; write the expression in Expected");
                }
                yield new Action.CheckOnly();
            }
            default -> {
                if (targets.contains(verb)) {
                    yield target(cell, verb, rest, restOffset);
                }
                throw cell.error(0, "unknown action verb \"" + verb + "\"" + verbHint(verb));
            }
        };
    }

    private String verbHint(String verb) {
        String op = Suggestions.didYouMean(verb, Action.Operation.words());
        if (!op.isEmpty()) {
            return op.replace("mean \"", "mean \"target ");
        }
        List<String> all = new ArrayList<>(VERBS);
        all.addAll(targets);
        return Suggestions.hint(verb, all, "verbs are " + Suggestions.oneOf(VERBS));
    }

    private Action http(Cell cell, String rest, int at) {
        String[] parts =
                required(
                                cell,
                                rest,
                                at,
                                "http needs a method and a URL, e.g. http GET {runtime}/healthz")
                        .split("\\s+", 3);
        String method = parts[0];
        if (!METHODS.contains(method)) {
            throw cell.error(
                    at,
                    "unknown HTTP method \"" + method + "\"; use " + Suggestions.oneOf(METHODS));
        }
        if (parts.length < 2) {
            throw cell.error(
                    at,
                    "http " + method + " needs a URL, e.g. http " + method + " {runtime}/healthz");
        }
        int urlAt = cell.text().indexOf(parts[1], at + method.length());
        String url = parts[1];
        if (!(url.startsWith("http://") || url.startsWith("https://") || url.startsWith("{"))) {
            throw cell.error(
                    urlAt,
                    "bad URL \""
                            + url
                            + "\"; start with http://, https:// or a placeholder such as {runtime}");
        }
        placeholders(cell, url, urlAt);
        String body = parts.length > 2 ? parts[2] : "";
        placeholders(cell, body, cell.text().indexOf(body, urlAt + url.length()));
        return new Action.Http(method, url, body);
    }

    private Action cli(Cell cell, String rest, int at) {
        List<String> words =
                words(
                        cell,
                        rest,
                        at,
                        "cli needs a tool, e.g. cli tensor-wasm observe --once --json");
        String tool = words.remove(0);
        if (!CLI_TOOLS.contains(tool)) {
            throw cell.error(
                    at,
                    "unknown cli tool \""
                            + tool
                            + "\""
                            + Suggestions.hint(
                                    tool, CLI_TOOLS, "tools are " + String.join(", ", CLI_TOOLS)));
        }
        placeholders(cell, rest, at);
        int from = at + tool.length();
        for (String word : words) {
            int where = cell.text().indexOf(word, from);
            Optional<String> refused = Action.Cli.refusal(word);
            if (refused.isPresent()) {
                throw cell.error(where, refused.get());
            }
            from = where + word.length();
        }
        return new Action.Cli(tool, words);
    }

    private Action page(Cell cell, String rest, int at) {
        String[] parts =
                required(
                                cell,
                                rest,
                                at,
                                "page needs a severity and a message, e.g. page sev-2 \"restart failed\"")
                        .split("\\s+", 2);
        severity(cell, parts[0], at);
        String message = parts.length > 1 ? parts[1].strip() : "";
        if (message.length() >= 2 && message.startsWith("\"") && message.endsWith("\"")) {
            message = message.substring(1, message.length() - 1);
        }
        placeholders(cell, message, cell.text().indexOf(message, at + parts[0].length()));
        return new Action.Page(parts[0], message);
    }

    /** A page's severity: {@code sev-1} to {@code sev-3}, or a var whose default is one. */
    private void severity(Cell cell, String severity, int at) {
        Matcher var = PLACEHOLDER.matcher(severity);
        if (!var.matches()) {
            if (!SEVERITIES.contains(severity)) {
                throw cell.error(
                        at, "unknown severity \"" + severity + "\"; use sev-1, sev-2 or sev-3");
            }
            return;
        }
        String name = var.group(1);
        if (!vars.containsKey(name)) {
            throw cell.error(
                    at,
                    "severity \""
                            + severity
                            + "\" is not a var of the front matter; declare it under vars or write sev-1, sev-2 or sev-3");
        }
        String fallback = vars.get(name);
        if (!fallback.isEmpty() && !SEVERITIES.contains(fallback)) {
            throw cell.error(
                    at,
                    "severity \""
                            + severity
                            + "\" defaults to \""
                            + fallback
                            + "\", which is no severity; use sev-1, sev-2 or sev-3");
        }
    }

    /**
     * {@code target OP [ARGUMENT] [TARGET]} or {@code TARGET OP [ARGUMENT]}: an operation of one or
     * two words ({@code restart}, {@code config save}), its argument when it takes one ({@code
     * upgrade {target_version}}), and after the verb {@code target} the target's name.
     */
    private Action target(Cell cell, String name, String rest, int at) {
        List<String> words =
                words(
                        cell,
                        rest,
                        at,
                        "a target action needs an operation: "
                                + String.join(", ", Action.Operation.words()));
        Optional<Action.Operation> two =
                words.size() > 1
                        ? Action.Operation.of(words.get(0) + " " + words.get(1))
                        : Optional.empty();
        Optional<Action.Operation> one = Action.Operation.of(words.get(0));
        if (two.isEmpty() && one.isEmpty()) {
            String word = words.get(0);
            throw cell.error(
                    at,
                    "unknown target operation \""
                            + word
                            + "\""
                            + Suggestions.hint(
                                    word,
                                    Action.Operation.words(),
                                    "use " + String.join(", ", Action.Operation.words())));
        }
        Action.Operation op = two.orElseGet(one::get);
        words.subList(0, two.isPresent() ? 2 : 1).clear();
        String argument = "";
        if (op.takesArgument()) {
            if (words.isEmpty()) {
                throw cell.error(
                        at,
                        op.word()
                                + " needs a "
                                + op.argumentName()
                                + ", e.g. target "
                                + op.word()
                                + " {target_version}");
            }
            argument = words.remove(0);
            placeholders(cell, argument, cell.text().indexOf(argument, at));
        }
        String target = name;
        if (!words.isEmpty()) {
            if (!name.isEmpty() || words.size() > 1) {
                String extra = String.join(" ", words);
                throw cell.error(
                        cell.text().lastIndexOf(extra),
                        "\"" + extra + "\": unexpected words after " + op.word());
            }
            target = words.get(0);
        }
        return new Action.TargetOp(op, target, argument);
    }

    private Action decide(Cell cell, String rest, int at) {
        String question =
                quoted(
                        cell,
                        rest,
                        at,
                        "decide needs a quoted question, e.g. decide \"Host reachable?\" yes -> step 2, no -> runbook dr-lost-host");
        int after = rest.indexOf('"', 1) + 1;
        String answers = rest.substring(after);
        int answersAt = at + after;
        List<Branch> branches = new ArrayList<>();
        int offset = 0;
        for (String part : answers.split(",", -1)) {
            Matcher m = BRANCH.matcher(part);
            if (!m.matches()) {
                int lead = part.length() - part.stripLeading().length();
                throw cell.error(
                        answersAt + offset + lead,
                        "bad answer \""
                                + part.strip()
                                + "\"; write answer -> step N, answer -> runbook ID or answer -> end");
            }
            branches.add(
                    new Branch(
                            m.group(1),
                            m.group(2) == null ? 0 : Integer.parseInt(m.group(2)),
                            m.group(3)));
            offset += part.length() + 1;
        }
        return new Action.Decide(question, branches);
    }

    /** The words of what follows the verb, which may not be empty. */
    private static List<String> words(Cell cell, String rest, int at, String message) {
        return new ArrayList<>(Arrays.asList(required(cell, rest, at, message).split("\\s+")));
    }

    private static String required(Cell cell, String rest, int at, String message) {
        if (rest.isEmpty()) {
            throw cell.error(0, message);
        }
        return rest;
    }

    private static String quoted(Cell cell, String rest, int at, String message) {
        int close = rest.indexOf('"', 1);
        if (!rest.startsWith("\"") || close < 0) {
            throw cell.error(rest.isEmpty() ? 0 : at, message);
        }
        String inner = rest.substring(1, close);
        if (inner.isBlank()) {
            throw cell.error(at, message);
        }
        return inner;
    }

    private Duration duration(Cell cell, String text, int at) {
        try {
            return DurationText.parse(text);
        } catch (IllegalArgumentException e) {
            throw cell.error(at, e.getMessage());
        }
    }

    private String placeholders(Cell cell, String text, int at) {
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            String name = m.group(1);
            if (name.startsWith("steps.")) {
                if (!STEP_RESULT.matcher(name).matches()) {
                    throw cell.error(
                            at + m.start(),
                            "bad step reference \"{"
                                    + name
                                    + "}\"; write {steps.N.NAME}, e.g. {steps.3.body.id}");
                }
                continue;
            }
            if (!placeholders.contains(name)) {
                List<String> known =
                        placeholders.stream().map(p -> "{" + p + "}").sorted().toList();
                throw cell.error(
                        at + m.start(),
                        "unknown placeholder \"{"
                                + name
                                + "}\""
                                + Suggestions.hint(
                                        "{" + name + "}",
                                        known,
                                        "placeholders are " + String.join(", ", known)));
            }
        }
        return text;
    }
}

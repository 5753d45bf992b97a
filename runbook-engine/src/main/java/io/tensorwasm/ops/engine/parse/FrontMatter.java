package io.tensorwasm.ops.engine.parse;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tensorwasm.ops.engine.check.Suggestions;
import io.tensorwasm.ops.engine.model.Automation;
import io.tensorwasm.ops.engine.model.Guardrails;
import io.tensorwasm.ops.engine.model.Kind;
import io.tensorwasm.ops.engine.model.Metadata;
import io.tensorwasm.ops.engine.model.Parameter;
import io.tensorwasm.ops.engine.model.Position;
import io.tensorwasm.ops.engine.model.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads the YAML front matter with Jackson, keeping the line and column of every key. */
final class FrontMatter {

    static final List<String> KEYS =
            List.of(
                    "id",
                    "title",
                    "kind",
                    "alert",
                    "severity",
                    "slo",
                    "dashboard",
                    "automation",
                    "sla",
                    "total",
                    "targets",
                    "guardrails",
                    "vars",
                    "params");

    private static final List<String> PARAM_KEYS =
            List.of("type", "min", "max", "choices", "default", "from");

    private static final YAMLFactory YAML = new YAMLFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper(YAML);

    /** The id, title, metadata and the positions of its keys. */
    record Result(String id, String title, Metadata metadata, Map<String, Position> positions) {}

    private record Field(JsonNode value, Position keyAt, Position valueAt) {}

    private final Path file;
    private final List<Problem> problems;
    private final Map<String, Field> fields = new LinkedHashMap<>();

    private FrontMatter(Path file, List<Problem> problems) {
        this.file = file;
        this.problems = problems;
    }

    /**
     * Reads the YAML between the {@code ---} lines; {@code firstLine} is the 1-based line of its
     * first line.
     */
    static Result parse(Path file, String yaml, int firstLine, List<Problem> problems) {
        FrontMatter front = new FrontMatter(file, problems);
        front.read(yaml, firstLine);
        return front.interpret();
    }

    private void read(String yaml, int firstLine) {
        try (JsonParser parser = YAML.createParser(yaml)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return;
            }
            if (token != JsonToken.START_OBJECT) {
                problems.add(
                        new Problem(
                                at(parser.currentTokenLocation(), firstLine),
                                "front matter is not a map of keys"));
                return;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                Position keyAt = at(parser.currentTokenLocation(), firstLine);
                parser.nextToken();
                Position valueAt = at(parser.currentTokenLocation(), firstLine);
                JsonNode value = MAPPER.readTree(parser);
                if (!KEYS.contains(key)) {
                    problems.add(
                            new Problem(
                                    keyAt,
                                    "unknown front matter key \""
                                            + key
                                            + "\""
                                            + Suggestions.didYouMean(key, KEYS)));
                    continue;
                }
                fields.put(key, new Field(value, keyAt, valueAt));
            }
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            Position position =
                    where == null ? new Position(file, firstLine, 1) : at(where, firstLine);
            List<String> why =
                    e.getOriginalMessage().lines().filter(l -> !l.startsWith(" ")).toList();
            problems.add(new Problem(position, "bad YAML: " + String.join(", ", why)));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read front matter", e);
        }
    }

    private Position at(JsonLocation location, int firstLine) {
        return new Position(
                file,
                Math.max(1, location.getLineNr()) + firstLine - 1,
                Math.max(1, location.getColumnNr()));
    }

    private Result interpret() {
        String id = text("id").orElse("");
        if (!fields.containsKey("id")) {
            problems.add(new Problem(new Position(file, 1, 1), "front matter has no \"id\""));
        } else if (!id.matches("[a-z0-9][a-z0-9.-]*")) {
            problems.add(
                    new Problem(
                            fields.get("id").valueAt(),
                            "bad id \"" + id + "\"; ids are lowercase words, digits and dashes"));
        }
        Kind kind = choice("kind", Kind.values(), Kind::word, Kind.PROCEDURE, true);
        Automation automation =
                choice("automation", Automation.values(), Automation::word, Automation.OFF, false);
        String alert = text("alert").orElse("");
        if (kind == Kind.ALERT && alert.isEmpty() && fields.containsKey("kind")) {
            problems.add(
                    new Problem(
                            fields.get("kind").valueAt(),
                            "alert runbook has no \"alert\" name in its front matter"));
        }
        String severity = text("severity").orElse("sev-2");
        if (!ActionText.SEVERITIES.contains(severity)) {
            problems.add(
                    new Problem(
                            fields.get("severity").valueAt(),
                            "unknown severity \"" + severity + "\"; use sev-1, sev-2 or sev-3"));
        }
        List<String> targets = targets();
        Map<String, String> vars = vars();
        Metadata metadata =
                new Metadata(
                        kind,
                        alert,
                        severity,
                        text("slo").orElse(""),
                        text("dashboard").orElse(""),
                        automation,
                        duration("sla"),
                        duration("total"),
                        targets,
                        guardrails(),
                        vars,
                        params(vars, targets));
        Map<String, Position> positions = new LinkedHashMap<>();
        fields.forEach((k, f) -> positions.put(k, f.valueAt()));
        return new Result(id, text("title").orElse(""), metadata, positions);
    }

    private Optional<String> text(String key) {
        Field field = fields.get(key);
        if (field == null || field.value().isNull()) {
            return Optional.empty();
        }
        if (!field.value().isValueNode()) {
            problems.add(new Problem(field.valueAt(), "\"" + key + "\" must be a single value"));
            return Optional.empty();
        }
        return Optional.of(field.value().asText().strip());
    }

    private <E> E choice(
            String key,
            E[] values,
            java.util.function.Function<E, String> word,
            E fallback,
            boolean required) {
        Optional<String> given = text(key);
        List<String> words = java.util.Arrays.stream(values).map(word).toList();
        if (given.isEmpty()) {
            if (required) {
                problems.add(
                        new Problem(
                                new Position(file, 1, 1),
                                "front matter has no \""
                                        + key
                                        + "\"; use "
                                        + Suggestions.oneOf(words)));
            }
            return fallback;
        }
        String value = given.get().toLowerCase(Locale.ROOT);
        for (E e : values) {
            if (word.apply(e).equals(value)) {
                return e;
            }
        }
        problems.add(
                new Problem(
                        fields.get(key).valueAt(),
                        "unknown "
                                + key
                                + " \""
                                + given.get()
                                + "\""
                                + Suggestions.hint(
                                        given.get(), words, "use " + Suggestions.oneOf(words))));
        return fallback;
    }

    private Optional<Duration> duration(String key) {
        return text(key).flatMap(t -> durationAt(t, fields.get(key).valueAt()));
    }

    private Optional<Duration> durationAt(String text, Position at) {
        try {
            return Optional.of(DurationText.parse(text));
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(at, e.getMessage()));
            return Optional.empty();
        }
    }

    private List<String> targets() {
        Field field = fields.get("targets");
        List<String> targets = new ArrayList<>();
        if (field == null) {
            return targets;
        }
        if (field.value().isTextual()) {
            targets.add(field.value().asText());
        } else if (field.value().isArray()) {
            field.value().forEach(t -> targets.add(t.asText()));
        } else {
            problems.add(new Problem(field.valueAt(), "\"targets\" must be a list of names"));
        }
        return targets;
    }

    private Guardrails guardrails() {
        Field field = fields.get("guardrails");
        if (field == null) {
            return Guardrails.DEFAULT;
        }
        JsonNode node = field.value();
        int max = Guardrails.DEFAULT.maxRunsPerHour();
        int shadowRuns = Guardrails.DEFAULT.shadowRuns();
        Duration cooldown = Guardrails.DEFAULT.cooldown();
        java.util.Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            switch (name) {
                case "max_runs_per_hour" -> {
                    if (!node.get(name).canConvertToInt() || node.get(name).asInt() < 0) {
                        problems.add(
                                new Problem(
                                        field.valueAt(),
                                        "bad max_runs_per_hour \""
                                                + node.get(name).asText()
                                                + "\"; use a whole number, 0 or more"));
                    } else {
                        max = node.get(name).asInt();
                    }
                }
                case "shadow_runs" -> {
                    if (!node.get(name).canConvertToInt() || node.get(name).asInt() < 1) {
                        problems.add(
                                new Problem(
                                        field.valueAt(),
                                        "bad shadow_runs \""
                                                + node.get(name).asText()
                                                + "\"; use a whole number, 1 or more"));
                    } else {
                        shadowRuns = node.get(name).asInt();
                    }
                }
                case "cooldown" ->
                        cooldown =
                                durationAt(node.get(name).asText(), field.valueAt())
                                        .orElse(cooldown);
                default ->
                        problems.add(
                                new Problem(
                                        field.valueAt(),
                                        "unknown guardrail \""
                                                + name
                                                + "\""
                                                + Suggestions.hint(
                                                        name,
                                                        List.of(
                                                                "max_runs_per_hour",
                                                                "cooldown",
                                                                "shadow_runs"),
                                                        "guardrails are max_runs_per_hour,"
                                                                + " cooldown and shadow_runs")));
            }
        }
        return new Guardrails(max, cooldown, shadowRuns);
    }

    private Map<String, String> vars() {
        Field field = fields.get("vars");
        Map<String, String> vars = new LinkedHashMap<>();
        if (field != null) {
            field.value().properties().forEach(e -> vars.put(e.getKey(), e.getValue().asText()));
        }
        return vars;
    }

    /**
     * The typed parameters (issue #19): each a map of type, range or choices, default and {@code
     * from: labels.NAME}, or just a type word. A default must follow its own rule.
     */
    private List<Parameter> params(Map<String, String> vars, List<String> targets) {
        Field field = fields.get("params");
        List<Parameter> params = new ArrayList<>();
        if (field == null) {
            return params;
        }
        if (!field.value().isObject()) {
            problems.add(
                    new Problem(
                            field.valueAt(),
                            "\"params\" must be a map of names, e.g. replicas: {type: int}"));
            return params;
        }
        List<String> names = new ArrayList<>(vars.keySet());
        names.addAll(MarkdownRunbooks.PLACEHOLDERS);
        field.value()
                .properties()
                .forEach(
                        e -> {
                            if (names.contains(e.getKey())) {
                                problems.add(
                                        new Problem(
                                                field.valueAt(),
                                                "parameter "
                                                        + e.getKey()
                                                        + " has the name of a var or of {"
                                                        + e.getKey()
                                                        + "}; give it another"));
                                return;
                            }
                            param(e.getKey(), e.getValue(), field.valueAt(), targets)
                                    .ifPresent(params::add);
                        });
        return params;
    }

    private Optional<Parameter> param(
            String name, JsonNode node, Position at, List<String> targets) {
        JsonNode spec = node;
        if (node.isTextual()) {
            spec = MAPPER.createObjectNode().put("type", node.asText());
        } else if (!node.isObject()) {
            problems.add(new Problem(at, "parameter " + name + " must be a map: {type: int, ...}"));
            return Optional.empty();
        }
        java.util.Iterator<String> keys = spec.fieldNames();
        while (keys.hasNext()) {
            String key = keys.next();
            if (!PARAM_KEYS.contains(key)) {
                problems.add(
                        new Problem(
                                at,
                                "parameter "
                                        + name
                                        + ": unknown key \""
                                        + key
                                        + "\""
                                        + Suggestions.hint(
                                                key,
                                                PARAM_KEYS,
                                                "keys are " + String.join(", ", PARAM_KEYS))));
            }
        }
        String typeWord = spec.path("type").asText("").strip().toLowerCase(Locale.ROOT);
        List<String> types =
                java.util.Arrays.stream(Parameter.Type.values()).map(Parameter.Type::word).toList();
        if (!types.contains(typeWord)) {
            problems.add(
                    new Problem(
                            at,
                            "parameter "
                                    + name
                                    + ": "
                                    + (typeWord.isEmpty()
                                            ? "no type"
                                            : "unknown type \"" + typeWord + "\"")
                                    + "; use "
                                    + Suggestions.oneOf(types)));
            return Optional.empty();
        }
        Parameter.Type type = Parameter.Type.valueOf(typeWord.toUpperCase(Locale.ROOT));
        String from = spec.path("from").asText("").strip();
        if (!from.isEmpty() && !from.matches("labels\\.[A-Za-z_][A-Za-z0-9_]*")) {
            problems.add(
                    new Problem(
                            at,
                            "parameter "
                                    + name
                                    + ": from \""
                                    + from
                                    + "\" names no label; write from: labels.NAME"));
            return Optional.empty();
        }
        List<String> choices = new ArrayList<>();
        spec.path("choices").forEach(c -> choices.add(c.asText()));
        String min = spec.path("min").asText("");
        String max = spec.path("max").asText("");
        for (String bound : List.of(min, max)) {
            if (type == Parameter.Type.INT || type == Parameter.Type.DURATION) {
                Optional<String> bad = ParamText.badBound(type, bound);
                if (bad.isPresent()) {
                    problems.add(new Problem(at, "parameter " + name + ": " + bad.get()));
                    return Optional.empty();
                }
            }
        }
        Parameter param;
        try {
            param =
                    new Parameter(
                            name,
                            type,
                            min,
                            max,
                            choices,
                            spec.has("default")
                                    ? Optional.of(spec.get("default").asText())
                                    : Optional.empty(),
                            from.isEmpty() ? "" : from.substring("labels.".length()));
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(at, "parameter " + e.getMessage()));
            return Optional.empty();
        }
        List<String> names = targets.isEmpty() ? List.of("runtime") : targets;
        param.defaultValue()
                .flatMap(d -> ParamText.refusal(param, d, names))
                .ifPresent(why -> problems.add(new Problem(at, "default of " + why)));
        return Optional.of(param);
    }
}

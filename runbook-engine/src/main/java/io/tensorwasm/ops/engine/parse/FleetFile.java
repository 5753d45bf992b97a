package io.tensorwasm.ops.engine.parse;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tensorwasm.ops.engine.check.Suggestions;
import io.tensorwasm.ops.engine.model.Fleet;
import io.tensorwasm.ops.engine.model.FleetMember;
import io.tensorwasm.ops.engine.model.MemberTarget;
import io.tensorwasm.ops.engine.model.Position;
import io.tensorwasm.ops.engine.model.Problem;
import io.tensorwasm.ops.engine.model.RunbookFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads a fleet file (YAML): the members a runbook's fleet steps address. A file that cannot be
 * used is a {@link RunbookFormatException} naming the line, the column and the key.
 *
 * <pre>{@code
 * name: local
 * url: http://127.0.0.1:8080            # the load balancer, where tenants call
 * load_balancer: {kind: haproxy, socket: haproxy.sock, backend: tensor-wasm}
 * members:
 *   - {name: replica-1, url: http://127.0.0.1:8081, server: replica-1, target: {local: replica-1}}
 *   - {name: replica-2, url: http://10.0.0.12:8080, server: replica-2,
 *      target: {systemd: tensor-wasm.service, sudo: true}}
 *   - {name: replica-3, url: http://10.0.0.13:8080, server: replica-3,
 *      target: {kubernetes: tensor-wasm-3, namespace: tensor-wasm}}
 * }</pre>
 *
 * A relative {@code socket} or {@code local} directory is read from the file's directory.
 */
public final class FleetFile {

    private static final YAMLFactory YAML = new YAMLFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper(YAML);

    private static final List<String> KEYS = List.of("name", "url", "load_balancer", "members");
    private static final List<String> BALANCER_KEYS =
            List.of("kind", "socket", "address", "backend");
    private static final List<String> MEMBER_KEYS = List.of("name", "url", "target", "server");
    private static final List<String> TARGET_KINDS = List.of("local", "systemd", "kubernetes");
    private static final Map<String, List<String>> TARGET_KEYS =
            Map.of(
                    "local", List.of("local"),
                    "systemd", List.of("systemd", "sudo"),
                    "kubernetes", List.of("kubernetes", "namespace", "context"));

    private final Path file;
    private final Map<String, Position> positions = new HashMap<>();

    private FleetFile(Path file) {
        this.file = file;
    }

    /** Reads and checks a fleet file. */
    public static Fleet load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read the fleet file", e);
        }
        return parse(file, text);
    }

    /** Reads and checks the text of a fleet file; {@code file} names it in messages. */
    public static Fleet parse(Path file, String text) {
        return new FleetFile(file).read(text);
    }

    private Fleet read(String text) {
        JsonNode root = tree(text);
        if (root == null || !root.isObject()) {
            throw problem("", "a fleet file is a YAML mapping of " + String.join(", ", KEYS));
        }
        known(root, "", KEYS);
        String name = required(root, "", "name").asText();
        URI url = uri(required(root, "", "url"), "/url");
        Fleet.Balancer balancer = balancer(required(root, "", "load_balancer"));
        JsonNode list = required(root, "", "members");
        if (!list.isArray() || list.isEmpty()) {
            throw problem("/members", "members: a list of at least one member");
        }
        List<FleetMember> members = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            members.add(member(list.get(i), "/members/" + i));
        }
        try {
            return new Fleet(name, url, balancer, members);
        } catch (IllegalArgumentException e) {
            throw problem(e.getMessage().contains("member") ? "/members" : "", e.getMessage());
        }
    }

    private Fleet.Balancer balancer(JsonNode node) {
        String at = "/load_balancer";
        mapping(node, at, "load_balancer: a mapping of " + String.join(", ", BALANCER_KEYS));
        known(node, at, BALANCER_KEYS);
        String kind = required(node, at, "kind").asText();
        if (!kind.equals("haproxy")) {
            throw problem(
                    at + "/kind", "load_balancer.kind: \"" + kind + "\"; only haproxy is known");
        }
        String socket = node.path("socket").asText("");
        if (!socket.isEmpty()) {
            socket = besideFile(socket);
        }
        try {
            return new Fleet.Balancer(
                    socket,
                    node.path("address").asText(""),
                    required(node, at, "backend").asText());
        } catch (IllegalArgumentException e) {
            throw problem(at, "load_balancer: " + e.getMessage());
        }
    }

    private FleetMember member(JsonNode node, String at) {
        String where = "members[" + at.substring(at.lastIndexOf('/') + 1) + "]";
        mapping(node, at, where + ": a mapping of " + String.join(", ", MEMBER_KEYS));
        known(node, at, MEMBER_KEYS);
        String name = required(node, at, "name").asText();
        URI url = uri(required(node, at, "url"), at + "/url");
        MemberTarget target = target(required(node, at, "target"), at + "/target", where);
        String server = node.has("server") ? node.get("server").asText() : name;
        try {
            return new FleetMember(name, url, target, server);
        } catch (IllegalArgumentException e) {
            throw problem(at, where + ": " + e.getMessage());
        }
    }

    private MemberTarget target(JsonNode node, String at, String where) {
        String rule =
                where
                        + ".target: one of {local: DIRECTORY}, {systemd: UNIT, sudo: true|false},"
                        + " {kubernetes: DEPLOYMENT, namespace: NS, context: CTX}";
        mapping(node, at, rule);
        List<String> kinds = new ArrayList<>();
        node.fieldNames()
                .forEachRemaining(
                        key -> {
                            if (TARGET_KINDS.contains(key)) {
                                kinds.add(key);
                            }
                        });
        if (kinds.size() != 1) {
            throw problem(at, rule);
        }
        String kind = kinds.get(0);
        known(node, at, TARGET_KEYS.get(kind));
        String value = node.get(kind).asText();
        try {
            return switch (kind) {
                case "local" -> new MemberTarget.Local(besideFile(value));
                case "systemd" ->
                        new MemberTarget.Systemd(value, node.path("sudo").asBoolean(false));
                default ->
                        new MemberTarget.Kubernetes(
                                node.path("namespace").asText("default"),
                                value,
                                node.path("context").asText(""));
            };
        } catch (IllegalArgumentException e) {
            throw problem(at, where + ".target: " + e.getMessage());
        }
    }

    /** A path as the file names it, relative paths read from the file's directory. */
    private String besideFile(String path) {
        Path given = Path.of(path);
        Path dir = file.toAbsolutePath().getParent();
        return given.isAbsolute() || dir == null ? path : dir.resolve(given).normalize().toString();
    }

    private URI uri(JsonNode node, String at) {
        try {
            return new URI(node.asText());
        } catch (URISyntaxException e) {
            throw problem(at, "\"" + node.asText() + "\": not a URL (" + e.getReason() + ")");
        }
    }

    private JsonNode required(JsonNode node, String at, String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull() || (value.isValueNode() && value.asText().isBlank())) {
            throw problem(at, (at.isEmpty() ? "" : dotted(at) + ": ") + "no \"" + key + "\"");
        }
        return value;
    }

    private void mapping(JsonNode node, String at, String rule) {
        if (!node.isObject()) {
            throw problem(at, rule);
        }
    }

    private void known(JsonNode node, String at, List<String> keys) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            if (!keys.contains(key)) {
                throw problem(
                        at + "/" + key,
                        "unknown key \""
                                + key
                                + "\""
                                + (at.isEmpty() ? "" : " in " + dotted(at))
                                + Suggestions.hint(
                                        key, keys, "keys are " + String.join(", ", keys)));
            }
        }
    }

    /** {@code /members/1/target} as {@code members[1].target}. */
    private static String dotted(String pointer) {
        return pointer.substring(1).replaceAll("/(\\d+)", "[$1]").replace('/', '.');
    }

    private RunbookFormatException problem(String pointer, String message) {
        Position at = positions.get(pointer);
        for (String p = pointer;
                at == null && !p.isEmpty();
                p = p.substring(0, p.lastIndexOf('/'))) {
            at = positions.get(p);
        }
        return new RunbookFormatException(
                new Problem(at == null ? Position.of(file) : at, message));
    }

    /** The YAML as a tree, with the position of every key and list item kept by its pointer. */
    private JsonNode tree(String text) {
        try (JsonParser parser = YAML.createParser(text)) {
            while (parser.nextToken() != null) {
                // A container's pointer is its own path, so a key, its value and a list item
                // each have the position where they start.
                String pointer = parser.getParsingContext().pathAsPointer().toString();
                positions.putIfAbsent(pointer, at(parser.currentTokenLocation()));
            }
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            List<String> why =
                    e.getOriginalMessage().lines().filter(l -> !l.startsWith(" ")).toList();
            throw new RunbookFormatException(
                    new Problem(
                            where == null ? Position.of(file) : at(where),
                            "bad YAML: " + String.join(", ", why)));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read the fleet file", e);
        }
    }

    private Position at(JsonLocation location) {
        return new Position(
                file, Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
    }
}

package io.tensorwasm.ops.engine.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tensorwasm.ops.engine.model.Allowlist;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the allowlist file (issue #18): YAML with two lists, {@code shell} and {@code cli}. The
 * defaults are the engine's own copy of the documented file, {@code
 * io/tensorwasm/ops/engine/allowlist.yaml}, so the defaults and their documentation are one file.
 *
 * <pre>{@code
 * Allowlist defaults = AllowlistFile.defaults();
 * Allowlist site = AllowlistFile.load(Path.of("/etc/twops/allowlist.yaml"));
 * Allowlist inForce = AllowlistFile.inForce(System.getenv());  // TWOPS_ALLOWLIST, else defaults
 * }</pre>
 */
public final class AllowlistFile {

    /** The variable that names a deployment's allowlist file. */
    public static final String VARIABLE = "TWOPS_ALLOWLIST";

    /** Where the defaults are on the class path. */
    public static final String DEFAULTS = "io/tensorwasm/ops/engine/allowlist.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final List<String> KEYS = List.of("shell", "cli");

    private AllowlistFile() {}

    /** The read-only defaults. */
    public static Allowlist defaults() {
        try (InputStream in = AllowlistFile.class.getClassLoader().getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULTS + ": not on the class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "the defaults");
        } catch (IOException e) {
            throw new UncheckedIOException(DEFAULTS + ": cannot read", e);
        }
    }

    /** A deployment's file; every problem names the file and what is wrong. */
    public static Allowlist load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    file + ": cannot read the allowlist file (" + e.getMessage() + ")", e);
        }
        return parse(text, file.toString());
    }

    /** The allowlist in force: the file that {@value #VARIABLE} names, else the defaults. */
    public static Allowlist inForce(Map<String, String> environment) {
        String file = environment.getOrDefault(VARIABLE, "");
        return file.isBlank() ? defaults() : load(Path.of(file.strip()));
    }

    /** The allowlist in force for this process's environment. */
    public static Allowlist inForce() {
        return inForce(System.getenv());
    }

    static Allowlist parse(String text, String source) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    source
                            + ":"
                            + e.getLocation().getLineNr()
                            + ": not YAML: "
                            + e.getOriginalMessage().lines().findFirst().orElse("").strip(),
                    e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(
                    source + ": an allowlist is a YAML map with the lists shell and cli");
        }
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    source
                            + ": unknown key \""
                            + unknown.get(0)
                            + "\"; the keys are shell and cli");
        }
        return new Allowlist(list(root, "shell", source), list(root, "cli", source), source);
    }

    private static Set<String> list(JsonNode root, String key, String source) {
        JsonNode node = root.get(key);
        Set<String> names = new LinkedHashSet<>();
        if (node == null || node.isNull()) {
            return names;
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException(
                    source + ": " + key + " must be a list of program names, one per line");
        }
        for (JsonNode item : node) {
            if (!item.isTextual() || item.asText().isBlank() || item.asText().contains(" ")) {
                throw new IllegalArgumentException(
                        source
                                + ": "
                                + key
                                + " entry "
                                + item
                                + " is not one program name (no spaces, no lists)");
            }
            names.add(item.asText());
        }
        return names;
    }
}

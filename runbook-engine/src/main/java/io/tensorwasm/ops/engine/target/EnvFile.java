package io.tensorwasm.ops.engine.target;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An env file as systemd's {@code EnvironmentFile=} and Compose's {@code env_file} read it: {@code
 * KEY=VALUE} lines, {@code #} comments and blank lines, a value in double or single quotes taken
 * without them. A line that is none of these is an error naming its line, never its value (it may
 * be a token).
 */
final class EnvFile {

    private EnvFile() {}

    static Map<String, String> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read", e);
        }
        Map<String, String> variables = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int equals = line.indexOf('=');
            String name = equals < 0 ? "" : line.substring(0, equals).strip();
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException(
                        file + ":" + (i + 1) + ": not a KEY=VALUE line of an env file");
            }
            String value = line.substring(equals + 1).strip();
            if (value.length() >= 2
                    && (value.startsWith("\"") && value.endsWith("\"")
                            || value.startsWith("'") && value.endsWith("'"))) {
                value = value.substring(1, value.length() - 1);
            }
            variables.put(name, value);
        }
        return variables;
    }
}

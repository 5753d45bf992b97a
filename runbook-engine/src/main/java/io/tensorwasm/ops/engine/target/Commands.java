package io.tensorwasm.ops.engine.target;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command without a shell, capturing its output, with a deadline. The child gets a minimal
 * environment ({@link #environment}), never this process's whole one (issue #16).
 */
public final class Commands {

    /** What a child inherits from this process's environment; nothing else. */
    static final List<String> INHERITED = List.of("PATH", "HOME", "LANG", "LC_ALL", "TZ");

    private static final int MAX_OUTPUT_BYTES = 1 << 20;

    private Commands() {}

    /**
     * Runs the command in a directory (or the current one when null) and waits up to the timeout.
     */
    public static CommandResult run(List<String> command, Path directory, Duration timeout) {
        return run(command, directory, Map.of(), timeout);
    }

    /** As {@link #run(List, Path, Duration)}, with the variables the caller sets. */
    public static CommandResult run(
            List<String> command,
            Path directory,
            Map<String, String> environment,
            Duration timeout) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        builder.environment().clear();
        builder.environment().putAll(environment(environment));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new CommandResult(127, command.get(0) + ": cannot run: " + e.getMessage());
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread reader =
                new Thread(
                        () -> copy(process.getInputStream(), output),
                        "output of " + command.get(0));
        reader.setDaemon(true);
        reader.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                reader.join(1000);
                return new CommandResult(
                        124,
                        text(output)
                                + "\n"
                                + command.get(0)
                                + ": timed out after "
                                + timeout.toSeconds()
                                + " s");
            }
            reader.join(5000);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return new CommandResult(130, command.get(0) + ": interrupted");
        }
        return new CommandResult(process.exitValue(), text(output));
    }

    /**
     * Runs commands in order, the output of each after the last; the first failure stops the rest
     * and is the result.
     */
    public static CommandResult runAll(
            List<List<String>> commands, Map<String, String> environment, Duration timeout) {
        StringBuilder output = new StringBuilder();
        for (List<String> command : commands) {
            CommandResult result = run(command, null, environment, timeout);
            output.append("$ ").append(String.join(" ", command)).append('\n');
            if (!result.output().isEmpty()) {
                output.append(result.output()).append('\n');
            }
            if (!result.ok()) {
                return new CommandResult(result.exitCode(), output.toString().strip());
            }
        }
        return new CommandResult(0, output.toString().strip());
    }

    /**
     * A child's environment: {@link #INHERITED} from this process where set, then the given
     * variables, which the caller sets explicitly (a token for the runtime's own tool, say).
     */
    public static Map<String, String> environment(Map<String, String> set) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (String name : INHERITED) {
            String value = System.getenv(name);
            if (value != null) {
                environment.put(name, value);
            }
        }
        environment.putAll(set);
        return environment;
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] buffer = new byte[8192];
        try (in) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                synchronized (out) {
                    if (out.size() < MAX_OUTPUT_BYTES) {
                        out.write(buffer, 0, n);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(ByteArrayOutputStream out) {
        synchronized (out) {
            return out.toString(StandardCharsets.UTF_8).strip();
        }
    }
}

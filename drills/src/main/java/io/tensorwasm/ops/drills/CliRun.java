package io.tensorwasm.ops.drills;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the runtime's command line ({@code tensor-wasm} of the same build, as the launcher gives it
 * to the console) the way an operator would, and keeps its exit code and output.
 *
 * @param exitCode the exit code, or -1 when it could not start or ran past its deadline
 * @param output stdout and stderr together, stripped
 * @param took how long it ran
 */
record CliRun(int exitCode, String output, Duration took) {

    /** Runs the command with the extra arguments and environment; blocks until it ends. */
    static CliRun of(
            List<String> command, List<String> args, Map<String, String> env, Duration limit)
            throws InterruptedException {
        List<String> line = new ArrayList<>(command);
        line.addAll(args);
        long start = System.nanoTime();
        Path output = null;
        try {
            output = Files.createTempFile("twops-drill-", ".out");
            ProcessBuilder builder =
                    new ProcessBuilder(line)
                            .redirectErrorStream(true)
                            .redirectOutput(output.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                return new CliRun(
                        -1, "still running after " + limit.toSeconds() + " s", since(start));
            }
            return new CliRun(
                    process.exitValue(),
                    Files.readString(output, StandardCharsets.UTF_8).strip(),
                    since(start));
        } catch (IOException e) {
            return new CliRun(
                    -1, "cannot run " + line.get(0) + ": " + e.getMessage(), since(start));
        } finally {
            deleteQuietly(output);
        }
    }

    /** True when it exited 0. */
    boolean ok() {
        return exitCode == 0;
    }

    /** The last line of the output, for check texts. */
    String lastLine() {
        String[] lines = output.split("\n");
        return lines[lines.length - 1].strip();
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A leftover output file in the temp directory holds no secret and harms nothing.
        }
    }
}

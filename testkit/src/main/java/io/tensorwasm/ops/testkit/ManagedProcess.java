package io.tensorwasm.ops.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A real process started by a test, with its output in a log file. {@link #close()} stops it and
 * every process it started; a JVM shutdown hook stops whatever a test forgot.
 */
public final class ManagedProcess implements AutoCloseable {

    private static final Set<ManagedProcess> RUNNING = ConcurrentHashMap.newKeySet();
    private static final Duration GRACE = Duration.ofSeconds(10);

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> RUNNING.forEach(ManagedProcess::close)));
    }

    private final String name;
    private final Process process;
    private final Path log;

    private ManagedProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts the command with stdout and stderr going to {@code target/testkit/<name>.log}. */
    public static ManagedProcess start(String name, List<String> command, Path workDir) {
        Path log = Scratch.logFile(name);
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .directory(workDir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            ManagedProcess started = new ManagedProcess(name, builder.start(), log);
            RUNNING.add(started);
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": cannot start " + command.get(0), e);
        }
    }

    /**
     * Starts a server process in its own scratch directory and waits until a GET of its readiness
     * URI answers 200; if it never does, stops it, deletes the directory and throws with its log.
     */
    static ManagedProcess startServer(String name, List<String> command, Path home, URI ready) {
        ManagedProcess process = start(name, command, home);
        try {
            process.awaitHttpOk(ready, Duration.ofSeconds(60));
            return process;
        } catch (RuntimeException e) {
            process.close();
            Scratch.delete(home);
            throw e;
        }
    }

    /** Waits until a GET of the URI answers 200, failing early if the process exits. */
    public void awaitHttpOk(URI uri, Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        awaitReady(
                uri.toString(),
                timeout,
                () -> {
                    HttpRequest request =
                            HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build();
                    try {
                        return client.send(request, HttpResponse.BodyHandlers.discarding())
                                        .statusCode()
                                == 200;
                    } catch (IOException ignored) {
                        return false;
                    }
                });
    }

    /** Waits until the probe is true, failing early with the log tail if the process exits. */
    public void awaitReady(String what, Duration timeout, Probe probe) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        name
                                + " exited with code "
                                + process.exitValue()
                                + " before "
                                + what
                                + " was ready; last lines of "
                                + log
                                + ":\n"
                                + tail());
            }
            try {
                if (ready(probe)) {
                    return;
                }
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(name + ": interrupted while waiting", e);
            }
        }
        throw new IllegalStateException(
                name
                        + ": "
                        + what
                        + " not ready after "
                        + timeout.toSeconds()
                        + " s; last lines of "
                        + log
                        + ":\n"
                        + tail());
    }

    private static boolean ready(Probe probe) throws InterruptedException {
        try {
            return probe.ready();
        } catch (IOException notYet) {
            return false;
        }
    }

    /** True while the process runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit status of a process that has ended; throws while it still runs. */
    public int exitValue() {
        return process.exitValue();
    }

    /** The operating-system process id. */
    public long pid() {
        return process.pid();
    }

    /** The file that holds the process's output. */
    public Path log() {
        return log;
    }

    /** The last lines of the process's output, for failure messages. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** Stops the process and its descendants: SIGTERM, then SIGKILL after a grace period. */
    @Override
    public void close() {
        RUNNING.remove(this);
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        // Gone, not only signalled: the next test may bind the same ports or open the same files.
        for (ProcessHandle descendant : descendants) {
            try {
                descendant.onExit().get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.ExecutionException
                    | java.util.concurrent.TimeoutException e) {
                // Still there after SIGKILL and the grace: nothing more a test can do.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }

    /** A readiness check polled every 100 ms. */
    @FunctionalInterface
    public interface Probe {
        /** True once the process serves. */
        boolean ready() throws IOException, InterruptedException;
    }
}

package io.tensorwasm.ops.launcher;

import io.tensorwasm.ops.engine.target.CommandResult;
import io.tensorwasm.ops.web.ConsoleServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The alert loop on one machine, running: the child processes (the runtime, Prometheus,
 * Alertmanager) and the console in this JVM. It stops as a whole: on {@link #close()}, on Ctrl-C or
 * SIGTERM (a shutdown hook registered before anything starts), and when any part fails to start.
 *
 * <pre>{@code
 * try (Loop loop = Loop.start(plan, err)) {
 *     loop.awaitStop();
 * }
 * }</pre>
 */
final class Loop implements AutoCloseable {

    private final Plan plan;
    private final PrintWriter err;
    private final ChildProcesses children;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile ConsoleServer console;
    private boolean closed;

    /**
     * What to start.
     *
     * @param dataDir the data directory, where {@link LoopUrls#FILE} is written
     * @param urls where each part answers once started
     * @param children the child processes, started at once while the console starts
     * @param console how to start the console
     * @param resources what this JVM serves to the children (a fleet's registry database), closed
     *     once every child has stopped
     */
    record Plan(
            Path dataDir,
            LoopUrls urls,
            List<Child> children,
            ConsoleStart console,
            List<AutoCloseable> resources) {
        Plan {
            children = List.copyOf(children);
            resources = List.copyOf(resources);
        }

        /** A plan with nothing served from this JVM. */
        Plan(Path dataDir, LoopUrls urls, List<Child> children, ConsoleStart console) {
            this(dataDir, urls, children, console, List.of());
        }
    }

    /** Starts the console in this JVM. */
    @FunctionalInterface
    interface ConsoleStart {
        /** The started console. */
        ConsoleServer start() throws TimeoutException;
    }

    private Loop(Plan plan, PrintWriter err) {
        this.plan = plan;
        this.err = err;
        this.children = new ChildProcesses(err);
    }

    /**
     * Starts every part and returns once each answers.
     *
     * @throws IllegalStateException with one line saying which part did not start and why, once
     *     every part that did start has been stopped again
     */
    static Loop start(Plan plan, PrintWriter err) {
        Loop loop = new Loop(plan, err);
        Runtime.getRuntime().addShutdownHook(new Thread(loop::close, "twops-shutdown"));
        Map<Child, CompletableFuture<CommandResult>> starts =
                loop.children.startAll(plan.children());
        List<String> failures = new ArrayList<>();
        try {
            loop.console = plan.console().start();
        } catch (Exception | LinkageError e) {
            // Vert.x rethrows a failed listen's BindException unchecked, and a broken class path
            // throws an Error that would leave twops hung with its children running.
            failures.add("the console did not start: " + rootCause(e));
        }
        starts.forEach(
                (child, start) -> {
                    CommandResult result = start.join();
                    if (!result.ok()) {
                        failures.add(child.name() + " did not start: " + result.output());
                    }
                });
        if (!failures.isEmpty()) {
            loop.close();
            throw new IllegalStateException(failures.get(0) + loop.stoppedAgain(starts));
        }
        plan.urls().write(plan.dataDir());
        return loop;
    }

    /** "; the runtime and Prometheus were stopped again", naming the children that had started. */
    private String stoppedAgain(Map<Child, CompletableFuture<CommandResult>> starts) {
        List<String> names =
                starts.entrySet().stream()
                        .filter(e -> e.getValue().join().ok())
                        .map(e -> e.getKey().name())
                        .toList();
        if (names.isEmpty()) {
            return "";
        }
        String list =
                names.size() == 1
                        ? names.get(0)
                        : names.subList(0, names.size() - 1).stream()
                                        .collect(Collectors.joining(", "))
                                + " and "
                                + names.get(names.size() - 1);
        return "; " + list + (names.size() == 1 ? " was" : " were") + " stopped again";
    }

    /** Where each part answers. */
    LoopUrls urls() {
        return plan.urls();
    }

    /** The data directory. */
    Path dataDir() {
        return plan.dataDir();
    }

    /** The children, started. */
    List<Child> children() {
        return plan.children();
    }

    /** The console. */
    ConsoleServer console() {
        return console;
    }

    /** Waits until the loop has stopped: after Ctrl-C, SIGTERM or {@link #close()}. */
    void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** Stops the console, then every child, each even when another did not stop; idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            if (console != null) {
                console.close();
            }
        } finally {
            // The children stop even when the console's stop failed: an orphan would hold its
            // port and its data.
            try {
                children.close();
                closeResources();
                LoopUrls.remove(plan.dataDir());
            } finally {
                stopped.countDown();
            }
        }
    }

    private void closeResources() {
        for (AutoCloseable resource : plan.resources()) {
            try {
                resource.close();
            } catch (Exception e) { // the shutdown's boundary: the others still close
                err.println("twops: " + resource + " did not close: " + rootCause(e));
                err.flush();
            }
        }
    }

    /** The innermost message: "Address already in use", not three wrappers around it. */
    static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        return cause == e || e.getMessage() == null || e.getMessage().contains(message)
                ? message
                : e.getMessage() + " (" + message + ")";
    }
}

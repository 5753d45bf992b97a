package io.tensorwasm.ops.launcher;

import io.tensorwasm.ops.engine.model.Action;
import io.tensorwasm.ops.engine.target.CommandResult;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The child processes of one {@code twops start}, started together and stopped together. Once it is
 * closed nothing it started keeps running: a child still starting is stopped as soon as its start
 * returns, so Ctrl-C during the start leaves no process behind.
 */
final class ChildProcesses implements AutoCloseable {

    private final List<Child> registered = new ArrayList<>();
    private final PrintWriter err;
    private boolean closed;

    /** Children whose failures to stop are reported on {@code err}. */
    ChildProcesses(PrintWriter err) {
        this.err = err;
    }

    /**
     * Starts every child at once, each on its own thread, except those that wait for another to
     * answer first; returns without waiting. Each result says whether the child answered on its
     * health URL.
     */
    Map<Child, CompletableFuture<CommandResult>> startAll(List<Child> children) {
        synchronized (this) {
            registered.addAll(children);
        }
        ExecutorService threads =
                Executors.newCachedThreadPool(
                        work -> {
                            Thread thread = new Thread(work, "twops-start-child");
                            thread.setDaemon(true);
                            return thread;
                        });
        Map<Child, CompletableFuture<CommandResult>> starts = new LinkedHashMap<>();
        for (Child child : children) {
            List<CompletableFuture<CommandResult>> before =
                    child.after().stream().map(starts::get).toList();
            starts.put(
                    child,
                    CompletableFuture.allOf(before.toArray(CompletableFuture[]::new))
                            .thenApplyAsync(
                                    ready -> {
                                        for (int i = 0; i < before.size(); i++) {
                                            if (!before.get(i).join().ok()) {
                                                return new CommandResult(
                                                        1,
                                                        "not started, since "
                                                                + child.after().get(i).name()
                                                                + " did not start");
                                            }
                                        }
                                        return start(child);
                                    },
                                    threads));
        }
        return starts;
    }

    private CommandResult start(Child child) {
        synchronized (this) {
            if (closed) {
                return new CommandResult(1, "not started: twops is stopping");
            }
        }
        CommandResult result = child.target().perform(Action.Operation.START);
        boolean stopping;
        synchronized (this) {
            stopping = closed;
        }
        if (stopping) {
            // Closed while this child was starting: its pid file may have been written after
            // close() read it, so it is stopped again.
            stop(child);
        }
        return result;
    }

    /** Stops every child, the last registered first, each even when another did not stop. */
    @Override
    public void close() {
        List<Child> children;
        synchronized (this) {
            closed = true;
            children = new ArrayList<>(registered);
        }
        for (int i = children.size() - 1; i >= 0; i--) {
            stop(children.get(i));
        }
    }

    private void stop(Child child) {
        CommandResult stopped;
        try {
            stopped = child.target().perform(Action.Operation.STOP);
        } catch (RuntimeException e) { // the shutdown's boundary: the other children still stop
            stopped = new CommandResult(1, e.getMessage() == null ? e.toString() : e.getMessage());
        }
        if (!stopped.ok()) {
            err.println("twops: " + child.name() + " did not stop: " + stopped.output());
            err.flush();
        }
    }
}

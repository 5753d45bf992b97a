package io.tensorwasm.ops.bench.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** What Linux says about a server process: resident memory and CPU time; and jcmd to it. */
final class ProcessStats {

    /** USER_HZ on Linux: /proc/PID/stat counts CPU time in these ticks. */
    private static final long TICKS_PER_SECOND = 100;

    private ProcessStats() {}

    /** VmRSS from /proc/PID/status, in MiB. */
    static double rssMib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        throw new IllegalStateException(pid + ": no VmRSS in /proc/" + pid + "/status");
    }

    /**
     * RSS after a full collection ({@code jcmd GC.run}): what the process keeps. Read without one,
     * RSS also counts the young garbage the next collection frees, which after 100 deploys was
     * anything from 25 to 80 MiB, as the collector's timing fell (issue #22).
     */
    static double keptRssMib(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        awaitQuiet(pid);
        return rssMib(pid);
    }

    /** User plus system CPU time of the process so far, in microseconds. */
    static long cpuMicros(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * 1_000_000 / TICKS_PER_SECOND;
    }

    /**
     * Waits until the process has used under 5 % of a core for half a second, a minute at most: the
     * runtime compiles in the background after a deploy or a first invoke (issue #22), and a
     * measurement taken meanwhile would time the compiler too. Returns the seconds it waited.
     */
    static double awaitQuiet(long pid) throws IOException, InterruptedException {
        long start = System.nanoTime();
        long deadline = start + 60_000_000_000L;
        long before = cpuMicros(pid);
        while (System.nanoTime() < deadline) {
            Thread.sleep(500);
            long now = cpuMicros(pid);
            if (now - before < 25_000) {
                break;
            }
            before = now;
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Voluntary and involuntary context switches of all the process's threads so far. */
    static long contextSwitches(long pid) throws IOException {
        long total = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                total += taskSwitches(task);
            }
        }
        return total;
    }

    private static long taskSwitches(Path task) throws IOException {
        long total = 0;
        try {
            for (String line : Files.readAllLines(task.resolve("status"))) {
                if (line.contains("ctxt_switches:")) {
                    total += Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (NoSuchFileException ended) {
            // The thread ended between listing and reading; its switches are gone with it.
        }
        return total;
    }

    /** Runs {@code jcmd PID COMMAND ARGS...} and fails when jcmd does. */
    static void jcmd(long pid, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>();
        line.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        line.add(Long.toString(pid));
        line.addAll(List.of(command));
        Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (jcmd.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", line) + " failed:\n" + output);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}

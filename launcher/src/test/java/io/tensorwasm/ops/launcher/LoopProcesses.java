package io.tensorwasm.ops.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The processes of one loop, found the way an operator would: the pid files in its data directory
 * and every process whose command line names that directory.
 */
final class LoopProcesses {

    static final List<String> CHILDREN = List.of("runtime", "prometheus", "alertmanager");

    private LoopProcesses() {}

    /** The jar that {@code bin/twops} runs, built by the package phase before the tests. */
    static String shadedJar() {
        Path jar = Path.of("target", "twops.jar").toAbsolutePath();
        assertThat(jar).as("the launcher's shaded jar, built by mvn package").exists();
        return jar.toString();
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The children's pids, by name, from their pid files. */
    static Map<String, Long> childPids(Path data) throws IOException {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String child : CHILDREN) {
            Path pidFile = data.resolve(child + ".pid");
            if (Files.exists(pidFile)) {
                pids.put(child, Long.parseLong(Files.readString(pidFile).strip()));
            }
        }
        return pids;
    }

    /**
     * Resident memory of twops and its children, in MiB by name, read from {@code /proc}: "twops
     * 210, runtime 150, prometheus 60, alertmanager 25, total 445".
     */
    static String rss(long twops, Path data) throws IOException {
        Map<String, Long> pids = new LinkedHashMap<>();
        pids.put("twops", twops);
        pids.putAll(childPids(data));
        List<String> parts = new ArrayList<>();
        long total = 0;
        for (Map.Entry<String, Long> e : pids.entrySet()) {
            long kib = rssKib(e.getValue());
            total += kib;
            parts.add(e.getKey() + " " + kib / 1024 + " MiB");
        }
        parts.add("total " + total / 1024 + " MiB");
        return String.join(", ", parts);
    }

    private static long rssKib(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(line -> line.startsWith("VmRSS:"))
                .map(line -> Long.parseLong(line.replaceAll("\\D", "")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no VmRSS for pid " + pid));
    }

    /** Waits up to 15 s for the pids to end and returns those still alive. */
    static List<Long> alive(List<Long> pids) throws InterruptedException {
        for (int i = 0; i < 150; i++) {
            if (pids.stream().noneMatch(LoopProcesses::isAlive)) {
                return List.of();
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        return pids.stream().filter(LoopProcesses::isAlive).toList();
    }

    private static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * No process whose command line names the data directory runs, whatever the pid files say: not
     * twops, not the runtime, not Prometheus, not Alertmanager. Waits up to 15 s.
     */
    static void assertNoneRuns(Path data) throws InterruptedException {
        String marker = data.toString();
        List<String> left = List.of();
        for (int i = 0; i < 150; i++) {
            left =
                    ProcessHandle.allProcesses()
                            .filter(ProcessHandle::isAlive)
                            .filter(
                                    p ->
                                            p.info()
                                                    .commandLine()
                                                    .map(c -> c.contains(marker))
                                                    .orElse(false))
                            .map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
                            .toList();
            if (left.isEmpty()) {
                break;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        assertThat(left).as("processes of %s still running", marker).isEmpty();
        for (String child : CHILDREN) {
            assertThat(data.resolve(child + ".pid")).doesNotExist();
        }
    }
}

package io.tensorwasm.ops.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How busy the whole machine was while a benchmark ran: the share of CPU time that other processes,
 * the kernel and the hypervisor (steal) took, from two readings of /proc/stat. The machines are
 * shared, so a tail latency is read next to this.
 */
public final class MachineLoad {

    /** The 1-minute load above which another process competes for a 2-core machine (issue #22). */
    public static final double IDLE_LOAD = 1.5;

    private final long[] start;

    private MachineLoad(long[] start) {
        this.start = start;
    }

    /** Starts a reading. */
    public static MachineLoad start() throws IOException {
        return new MachineLoad(cpuTicks());
    }

    /** The 1-minute and 5-minute load now, and the time (UTC, minutes), as a part begins. */
    public static JsonObject now() throws IOException {
        double[] loads = loads();
        return new JsonObject()
                .put("loadBefore", loads[0])
                .put("load5Before", loads[1])
                .put(
                        "at",
                        java.time.Instant.now()
                                .truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
                                .toString());
    }

    /**
     * {@link #now()}, once the 1-minute load has fallen to {@code idle} or {@code atMost} has
     * passed: a part that follows another part of the same run would otherwise read that part's own
     * load as a neighbour's. The wait is recorded as {@code waitedSeconds}.
     */
    public static JsonObject settled(double idle, java.time.Duration atMost)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        while (loads()[0] > idle && System.nanoTime() - start < atMost.toNanos()) {
            Thread.sleep(5000);
        }
        return now().put("waitedSeconds", (System.nanoTime() - start) / 1_000_000_000L);
    }

    /** Busy, system and steal shares of all CPU time since the start, and the 1-minute load. */
    public JsonObject stop() throws IOException {
        long[] end = cpuTicks();
        long total = 0;
        for (int i = 0; i < end.length; i++) {
            total += end[i] - start[i];
        }
        long idle = (end[3] - start[3]) + (end[4] - start[4]);
        return new JsonObject()
                .put("busyShare", 1 - (double) idle / total)
                .put("systemShare", (double) (end[2] - start[2]) / total)
                .put("stealShare", end.length > 7 ? (double) (end[7] - start[7]) / total : 0.0)
                .put("loadAverage", loads()[0]);
    }

    /** The 1-minute and 5-minute load averages now. */
    private static double[] loads() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return new double[] {Double.parseDouble(fields[0]), Double.parseDouble(fields[1])};
    }

    /** The {@code cpu} line of /proc/stat: user nice system idle iowait irq softirq steal. */
    private static long[] cpuTicks() throws IOException {
        String line = Files.readAllLines(Path.of("/proc/stat")).get(0);
        String[] fields = line.trim().split("\\s+");
        long[] ticks = new long[Math.min(8, fields.length - 1)];
        for (int i = 0; i < ticks.length; i++) {
            ticks[i] = Long.parseLong(fields[i + 1]);
        }
        return ticks;
    }
}

package io.tensorwasm.ops.bench.http;

import io.tensorwasm.ops.bench.MachineLoad;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How cost grows with the functions deployed (issue #22): one runtime deploys 10, then 100, 1,000
 * and 10,000 functions of 10 KB, and at each count wrk invokes a function picked at random among
 * all of them, so every deployed function may be the next one called and the code cache holds what
 * it can; throughput, P99 and RSS are read at each count.
 */
final class Scaling {

    static final int[] COUNTS = {10, 100, 1_000, 10_000};
    static final Duration WARMUP = Duration.ofSeconds(3);
    static final Duration LOAD = Duration.ofSeconds(10);
    private static final String BODY = "{\"export\":\"run\",\"args\":[1]}";

    private Scaling() {}

    static JsonObject measure(Path out) throws Exception {
        Path data = out.resolve("scaling-data");
        ProcessStats.deleteTree(data);
        JsonArray rows = new JsonArray();
        try (Runtimes.Server server = Runtimes.start(out, data, COUNTS[COUNTS.length - 1] + 10)) {
            double rssIdle = ProcessStats.rssMib(server.pid());
            List<String> paths = new ArrayList<>();
            long deployNanos = 0;
            for (int count : COUNTS) {
                long start = System.nanoTime();
                for (String id : Deploys.parallel(server.api(), paths.size(), count)) {
                    paths.add("/functions/" + id + "/invoke");
                }
                deployNanos += System.nanoTime() - start;
                rows.add(row(out, server, paths, deployNanos, rssIdle));
            }
            return new JsonObject()
                    .put("moduleBytes", SizedModules.of(Deploys.MODULE_BYTES, 0).length)
                    .put("rssIdleMib", rssIdle)
                    .put("counts", rows);
        }
    }

    private static JsonObject row(
            Path out, Runtimes.Server server, List<String> paths, long deployNanos, double idle)
            throws Exception {
        ProcessStats.awaitQuiet(server.pid());
        double deployed = ProcessStats.rssMib(server.pid());
        Wrk.runAcross(server.api().uri("/"), paths, BODY, WARMUP, out);
        // The warm-up had the functions used twice compiled in the background: let it finish.
        ProcessStats.awaitQuiet(server.pid());
        MachineLoad machine = MachineLoad.start();
        JsonObject load = Wrk.runAcross(server.api().uri("/"), paths, BODY, LOAD, out);
        return new JsonObject()
                .put("functions", paths.size())
                .put("deploySeconds", deployNanos / 1e9)
                .put("rssDeployedMib", deployed)
                .put("rssAfterLoadMib", ProcessStats.rssMib(server.pid()))
                .put("rssIdleMib", idle)
                .put("requestsPerSecond", load.getDouble("requestsPerSecond"))
                .put("requests", load.getDouble("requests"))
                .put("p50Millis", load.getDouble("p50Millis"))
                .put("p99Millis", load.getDouble("p99Millis"))
                .put("timeouts", load.getInteger("timeouts"))
                .put("non2xx", load.getLong("non2xx"))
                .put("machine", machine.stop());
    }
}

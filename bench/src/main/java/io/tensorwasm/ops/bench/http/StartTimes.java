package io.tensorwasm.ops.bench.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long the runtime takes to start with 1,000 stored functions of 10 KB, against an empty
 * registry on the same machine in the same run (issue #22: at most 2 s). Each start is a fresh JVM
 * on the data directory; its log says how long {@code RuntimeServer.start()} took and the JVM's
 * uptime once it listened.
 */
final class StartTimes {

    static final int STORED = 1_000;
    static final int STARTS = 3;
    private static final Pattern TOOK =
            Pattern.compile(BenchServer.STARTED + "(\\d+) ms, " + BenchServer.UPTIME + "(\\d+) ms");

    private StartTimes() {}

    /** Starts on an empty registry, then on one with {@value #STORED} functions. */
    static JsonObject measure(Path out) throws Exception {
        Path empty = out.resolve("start-empty");
        Path stored = out.resolve("start-stored");
        ProcessStats.deleteTree(empty);
        ProcessStats.deleteTree(stored);
        fill(out, stored);
        return new JsonObject()
                .put("stored", STORED)
                .put("empty", starts(out, empty))
                .put("withFunctions", starts(out, stored));
    }

    private static void fill(Path out, Path data) throws Exception {
        try (Runtimes.Server server = Runtimes.start(out, data, STORED + 10)) {
            Deploys.parallel(server.api(), 0, STORED);
        }
    }

    private static JsonObject starts(Path out, Path data) throws Exception {
        List<Double> start = new ArrayList<>();
        List<Double> uptime = new ArrayList<>();
        for (int i = 0; i < STARTS; i++) {
            try (Runtimes.Server server = Runtimes.start(out, data, STORED + 10)) {
                Matcher took = TOOK.matcher(Files.readString(server.process().log()));
                if (!took.find()) {
                    throw new IllegalStateException(
                            server.process()
                                    + ": no start time in its log:\n"
                                    + server.process().tail());
                }
                start.add(Double.parseDouble(took.group(1)));
                uptime.add(Double.parseDouble(took.group(2)));
                if (!server.api().healthzOk()) {
                    throw new IllegalStateException(server.process() + ": /healthz not 200");
                }
            }
        }
        return new JsonObject()
                .put("startMillis", new JsonArray(start))
                .put("uptimeMillis", new JsonArray(uptime))
                .put("medianStartMillis", median(start))
                .put("medianUptimeMillis", median(uptime));
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}

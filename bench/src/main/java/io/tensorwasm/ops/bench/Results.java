package io.tensorwasm.ops.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The result files of one run of bench/run, read back for the report. */
record Results(
        JsonArray jmh,
        JsonObject v8,
        JsonObject dispatch,
        JsonObject http,
        JsonObject invokeProfile,
        JsonObject machine) {

    static final String PACKAGE = "io.tensorwasm.ops.bench.";

    static Results read(Path dir) throws IOException {
        return new Results(
                new JsonArray(Files.readString(dir.resolve("jmh.json"))),
                json(dir, "v8.json"),
                json(dir, "dispatch.json"),
                json(dir, "http.json"),
                json(dir, "invoke-profile.json"),
                json(dir, "machine.json"));
    }

    private static JsonObject json(Path dir, String file) throws IOException {
        return new JsonObject(Files.readString(dir.resolve(file)));
    }

    /** The JMH result of a benchmark named relative to the bench package. */
    JsonObject benchmark(String name) {
        for (int i = 0; i < jmh.size(); i++) {
            JsonObject result = jmh.getJsonObject(i);
            if (result.getString("benchmark").equals(PACKAGE + name)) {
                return result;
            }
        }
        throw new IllegalStateException(name + ": not in this run's JMH results");
    }

    /** A benchmark's average score in milliseconds. */
    double millis(String name) {
        JsonObject metric = benchmark(name).getJsonObject("primaryMetric");
        return metric.getDouble("score") * toMillis(metric.getString("scoreUnit"));
    }

    /** A percentile of a sample-time benchmark, in microseconds. */
    double percentileMicros(String name, String percentile) {
        JsonObject metric = benchmark(name).getJsonObject("primaryMetric");
        return metric.getJsonObject("scorePercentiles").getDouble(percentile)
                * toMillis(metric.getString("scoreUnit"))
                * 1000;
    }

    static double toMillis(String unit) {
        return switch (unit.replace("/op", "")) {
            case "s" -> 1000;
            case "ms" -> 1;
            case "us" -> 0.001;
            case "ns" -> 0.000001;
            default -> throw new IllegalArgumentException(unit + ": not a time unit");
        };
    }
}

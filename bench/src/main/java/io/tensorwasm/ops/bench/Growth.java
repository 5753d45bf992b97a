package io.tensorwasm.ops.bench;

import static io.tensorwasm.ops.bench.Report.f;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * The tables of how cost grows (issue #22): deploy to first invoke by module size, RSS with
 * functions deployed, the start with 1,000 stored functions against an empty registry, and
 * throughput, P99 and RSS with 10 to 10,000 functions deployed.
 */
final class Growth {

    private final JsonObject http;

    Growth(Results results) {
        this.http = results.http();
    }

    String markdown() {
        return cold() + "\n" + memory() + "\n" + start() + "\n" + scaling();
    }

    private String cold() {
        JsonObject cold = http.getJsonObject("runtime").getJsonObject("cold");
        StringBuilder out =
                new StringBuilder(
                        "| Deploy to first successful invoke (over HTTP, a fresh module each run)"
                                + " | module | median | runs |\n|---|---|---|---|\n");
        for (String size :
                cold.fieldNames().stream()
                        .sorted((a, b) -> Integer.parseInt(a) - Integer.parseInt(b))
                        .toList()) {
            JsonObject row = cold.getJsonObject(size);
            out.append("| ")
                    .append(label(Integer.parseInt(size)))
                    .append(" | ")
                    .append(row.getInteger("moduleBytes"))
                    .append(" bytes | ")
                    .append(f(row.getDouble("medianMillis"), 1))
                    .append(" ms | ")
                    .append(Targets.each(row.getJsonArray("runsMillis"), 1))
                    .append(" ms |\n");
        }
        return out.toString();
    }

    private static String label(int bytes) {
        return bytes >= 1024 * 1024 ? bytes / (1024 * 1024) + " MB" : bytes / 1024 + " KB";
    }

    private String memory() {
        JsonObject runtime = http.getJsonObject("runtime");
        double idle = runtime.getDouble("rssIdleMib");
        double with = runtime.getDouble("rssWithFunctionsMib");
        double idleRaw = runtime.getDouble("rssIdleRawMib", Double.NaN);
        double withRaw = runtime.getDouble("rssWithFunctionsRawMib", Double.NaN);
        return "| Runtime RSS, once the server is quiet | after a full GC, MiB | added |"
                + " as found, MiB | added |\n|---|---|---|---|---|\n"
                + "| idle, no function | "
                + f(idle, 0)
                + " | | "
                + f(idleRaw, 0)
                + " | |\n| "
                + runtime.getInteger("functions")
                + " functions of 10 KB deployed | "
                + f(with, 0)
                + " | "
                + f(with - idle, 0)
                + " MiB | "
                + f(withRaw, 0)
                + " | "
                + f(withRaw - idleRaw, 0)
                + " MiB |\n\nA full GC (`jcmd PID GC.run`) before each reading of the first"
                + " columns leaves what the runtime keeps; read as found, RSS also holds what young"
                + " garbage of the deploys the collector had not yet freed.\n";
    }

    private String start() {
        JsonObject start = http.getJsonObject("start");
        return "| Start of the runtime in a fresh JVM | `RuntimeServer.start()`, median | runs |"
                + " JVM uptime when listening, median |\n|---|---|---|---|\n"
                + startRow("empty registry", start.getJsonObject("empty"))
                + startRow(
                        String.format(Locale.ROOT, "%,d", start.getInteger("stored"))
                                + " stored functions of 10 KB",
                        start.getJsonObject("withFunctions"));
    }

    private static String startRow(String label, JsonObject row) {
        return "| "
                + label
                + " | "
                + f(row.getDouble("medianStartMillis"), 0)
                + " ms | "
                + Targets.each(row.getJsonArray("startMillis"), 0)
                + " ms | "
                + f(row.getDouble("medianUptimeMillis"), 0)
                + " ms |\n";
    }

    private String scaling() {
        JsonObject scaling = http.getJsonObject("scaling");
        JsonArray counts = scaling.getJsonArray("counts");
        StringBuilder out =
                new StringBuilder(
                        "| Functions deployed (10 KB each) | deployed in | requests/s | P50 | P99 |"
                                + " RSS deployed | RSS after the load | machine during the load |\n"
                                + "|---|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < counts.size(); i++) {
            JsonObject row = counts.getJsonObject(i);
            out.append("| ")
                    .append(String.format(Locale.ROOT, "%,d", row.getInteger("functions")))
                    .append(" | ")
                    .append(f(row.getDouble("deploySeconds"), 1))
                    .append(" s | ")
                    .append(f(row.getDouble("requestsPerSecond"), 0))
                    .append(" | ")
                    .append(f(row.getDouble("p50Millis"), 2))
                    .append(" ms | ")
                    .append(f(row.getDouble("p99Millis"), 2))
                    .append(" ms")
                    .append(
                            row.getInteger("timeouts", 0) > 0
                                    ? " (" + row.getInteger("timeouts") + " unanswered in 10 s)"
                                    : "")
                    .append(
                            row.getLong("non2xx", 0L) > 0
                                    ? "; "
                                            + row.getLong("non2xx")
                                            + " of "
                                            + f(row.getDouble("requests", 0.0), 0)
                                            + " answered other than 2xx"
                                    : "")
                    .append(" | ")
                    .append(f(row.getDouble("rssDeployedMib"), 0))
                    .append(" MiB | ")
                    .append(f(row.getDouble("rssAfterLoadMib"), 0))
                    .append(" MiB | ")
                    .append(Tables.machine(row.getJsonObject("machine")))
                    .append(" |\n");
        }
        return out.append("\nRSS of the same runtime before any deploy: ")
                .append(f(scaling.getDouble("rssIdleMib"), 0))
                .append(" MiB. Each request invokes `run(1)` of one of the deployed functions,")
                .append(" picked at random.\n")
                .toString();
    }
}
